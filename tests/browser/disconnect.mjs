// Scenario: when the server goes away the page says so within 10 s and stops presenting figures as live.
// Usage: node tests/browser/disconnect.mjs <baseUrl> [readKey]
//   Protocol with the harness: once the page is connected this prints a line READY_TO_STOP, then waits for a line
//   STOPPED on stdin (the harness has stopped the server), then checks the page.
//   readKey: only when the app has anonymous read off.
import { createInterface } from 'node:readline';
import { baseUrlFrom, check, passed, poll, run } from './browser.mjs';
import { openDashboard, waitUntilLive } from './page.mjs';

const baseUrl = baseUrlFrom(process.argv);
const readKey = process.argv[3];

function stoppedLine() {
  const lines = createInterface({ input: process.stdin });
  return new Promise((resolve, reject) => {
    lines.on('line', line => {
      if (line.trim() !== 'STOPPED') return;
      // close() emits 'close' at once, so settle first; a stdin left open would keep the process alive.
      resolve();
      lines.close();
      process.stdin.destroy();
    });
    lines.on('close', () => reject(new Error('stdin closed before STOPPED')));
  });
}

await run(async launch => {
  const { page } = await launch();
  await openDashboard(page, `${baseUrl}/#/000000`, readKey);
  await waitUntilLive(page);
  const connected = await page.locator('#connection-text').innerText();
  check(connected === '已连接', `indicator says ${connected}`);
  check(await page.locator('.live-note.live').isVisible(), 'figures are marked 实时');

  const stopped = stoppedLine();
  console.log('READY_TO_STOP');
  await stopped;
  const since = Date.now();

  const text = await poll(async () => {
    const shown = await page.locator('#connection-text').innerText();
    return shown.includes('连接已断开') && shown;
  }, { timeout: 10000, interval: 100, message: 'indicator never said 连接已断开' });
  passed(`indicator says "${text}" ${Date.now() - since} ms after the server stopped (≤ 10 s)`);
  check(await page.locator('body[data-live="false"]').count() === 1, 'page marks its data as not live');
  check(await page.locator('.live-note.stale').isVisible(), 'figures panel says 数据可能已过期');
  check(!(await page.locator('.live-note.live').isVisible()), 'the 实时 mark is gone');
  const colour = await page.locator('#figures [data-figure="members"] .figure-value').evaluate(e => getComputedStyle(e).color);
  check(colour === 'rgb(107, 119, 133)', `figures are greyed out (${colour})`);
});
