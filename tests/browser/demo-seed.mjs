// Scenario: a leader opens a city of a fresh demo while it is still being seeded: the banner counts the seed, and once it is
// done the year of history behind the figures shows as a trend, and the counties' targets as their progress, without a reload.
// Usage: node tests/browser/demo-seed.mjs <baseUrl> <cityCode>
import { baseUrlFrom, check, poll, run } from './browser.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [city] = process.argv.slice(3);
const info = async () => (await fetch(`${baseUrl}/api/v1/info`)).json();

await run(async launch => {
  const { page } = await launch();
  check((await info()).demoPhase === 'seeding', 'the demo is still seeding as the page opens');
  await page.goto(`${baseUrl}/#/${city}`);
  const banner = page.locator('#demo-banner');
  await poll(async () => /^演示数据 — 非真实统计 · 正在生成演示数据 \d+%$/.test(await banner.innerText()), {
    timeout: 10000, message: 'the banner never counted the seed',
  });
  await poll(() => page.locator('#trend-empty').isVisible(), { timeout: 10000, message: 'the trend was not empty before the history was written' });
  check((await info()).demoPhase === 'seeding', 'the trend was found empty while the demo was seeding');
  await page.evaluate(() => { window.openedOnce = true; });

  await poll(async () => (await info()).demoPhase === 'running', { timeout: 90000, message: 'the seed never finished' });
  await poll(() => page.locator('#trend').isVisible(), { timeout: 10000, message: 'the written year never reached the open trend' });
  check(await banner.innerText() === '演示数据 — 非真实统计', 'the banner stops counting once the demo runs');
  await poll(async () => (await page.locator('#ranking th').allInnerTexts()).some(t => t.includes('目标进度')), {
    timeout: 10000, message: 'the counties\' targets never reached the open ranking',
  });
  check(await page.evaluate(() => window.openedOnce === true), 'the page was not reloaded');
});
