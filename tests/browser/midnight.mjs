// Scenario: a page left open over midnight China time fetches its view again just after it, since today's figures start
// again then and nothing may be pushed for hours. The page's clock is Playwright's, set just before midnight.
// Usage: node tests/browser/midnight.mjs <baseUrl>
import { baseUrlFrom, check, run } from './browser.mjs';
import { openDashboard, waitUntilLive } from './page.mjs';

const baseUrl = baseUrlFrom(process.argv);

await run(async launch => {
  const { page } = await launch();
  let childrenFetches = 0;
  page.on('request', request => {
    if (new URL(request.url()).pathname === '/api/v1/orgs/000000/children') childrenFetches++;
  });
  // Paused while the page starts, however long that takes on a busy machine, so it starts 10 s before midnight.
  await page.clock.install({ time: new Date('2026-11-23T23:59:49+08:00') });
  await page.clock.pauseAt(new Date('2026-11-23T23:59:50+08:00'));
  await openDashboard(page, `${baseUrl}/`);
  await waitUntilLive(page);
  await page.waitForTimeout(300);
  check(childrenFetches === 1, `the view was fetched once before midnight (${childrenFetches})`);

  // Short of the SignalR client's 30 s server timeout, so the connection stays up while time jumps.
  await page.clock.runFor(15_000);
  await page.waitForTimeout(1000);
  check(childrenFetches === 2, `the view was fetched again just after midnight (${childrenFetches} fetches in all)`);
  check(await page.locator('body[data-live="true"]').count() === 1, 'the page is still live');
});
