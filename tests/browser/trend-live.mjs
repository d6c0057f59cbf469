// Scenario: a leader's open county trend follows pushed figures: its latest point is fetched again within a minute of a
// change, not at each push (every open screen would query the series as often), and the rest of the line stays. The
// page's clock is Playwright's, moved on in steps the live connection sees messages within.
// Usage: node tests/browser/trend-live.mjs <baseUrl> <countyCode> <adminKey>
import { changeOwnFigures } from './api.mjs';
import { baseUrlFrom, check, poll, run } from './browser.mjs';
import { figureValue, openDashboard, waitUntilLive } from './page.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [county, adminKey] = process.argv.slice(3);

const trendLine = page => page.evaluate(async () => {
  const echarts = await import('/lib/echarts.esm.min.js');
  return echarts.getInstanceByDom(document.getElementById('trend'))?.getOption()?.series?.[0]?.data ?? [];
});

// A pushed change that leaves the membership rate as it is: it keeps the live connection hearing from the server.
async function pushVerified(page, verified) {
  await changeOwnFigures(baseUrl, county, adminKey, own => ({ ...own, verifiedMembers: verified }));
  await poll(async () => await figureValue(page, 'verification') === verified / 5000, { timeout: 10000, message: `the push of ${verified} verified members never arrived` });
}

await run(async launch => {
  const { page } = await launch();
  let seriesFetches = 0;
  page.on('request', request => {
    if (new URL(request.url()).pathname === `/api/v1/orgs/${county}/timeseries`) seriesFetches++;
  });
  await page.clock.install();
  await openDashboard(page, `${baseUrl}/#/${county}?measure=rates.membership`);
  await waitUntilLive(page);
  const before = await poll(async () => {
    const line = await trendLine(page);
    return line.length >= 4 && line;
  }, { timeout: 10000, message: 'the county\'s trend was never drawn' });
  check(before.at(-1) === 0.1, `the latest point is the written rate (${before.at(-1)})`);

  await changeOwnFigures(baseUrl, county, adminKey, own => ({ ...own, employees: 10_000, members: 5_000, verifiedMembers: 1_000 }));
  await poll(async () => await figureValue(page, 'membership') === 0.5, { timeout: 10000, message: 'the pushed rate never reached the card' });
  check((await trendLine(page)).at(-1) === 0.1 && seriesFetches === 1, 'the push alone does not fetch the series');

  await page.clock.runFor(25_000);
  await pushVerified(page, 1_500);
  await page.clock.runFor(25_000);
  await pushVerified(page, 2_000);
  check(seriesFetches === 1, `within the minute the series is not fetched again (${seriesFetches})`);
  await page.clock.runFor(11_000);

  const after = await poll(async () => {
    const line = await trendLine(page);
    return line.at(-1) === 0.5 && line;
  }, { timeout: 10000, message: 'the trend\'s latest point never followed the pushed rate' });
  check(seriesFetches === 2, `fetched again once, a minute after the first change (${seriesFetches})`);
  check(after.length === before.length && after.slice(0, -1).every((value, i) => value === before[i]), 'the rest of the line stays as it was');
  check(await page.locator('body[data-live="true"]').count() === 1, 'the page stayed live');
});
