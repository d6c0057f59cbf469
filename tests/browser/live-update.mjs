// Scenario: figures PUT for a county reach the open province view live, within 1 s of the PUT being acknowledged, and the
// county's city, given a target it cannot meet, is marked behind in the live ranking and, in its own view, under its figures.
// Usage: node tests/browser/live-update.mjs <baseUrl> <countyCode> <adminKey>
//   countyCode: a county-level org (e.g. 450102); the page shows the province above it.
//   adminKey: a key the API accepts for PUT /api/v1/orgs/{code}/figures; the page reads with it too.
import { addMembers, getJson, provinceOf, putTargets } from './api.mjs';
import { baseUrlFrom, check, fail, passed, poll, run } from './browser.mjs';
import { figureValue, openDashboard, waitUntilLive } from './page.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [countyCode, adminKey] = process.argv.slice(3);
if (!countyCode || !adminKey) fail('usage: node live-update.mjs <baseUrl> <countyCode> <adminKey>');

// Far above what the demo simulator changes in a second, so the jump is unmistakable.
const EXTRA = 200000;

await run(async launch => {
  const info = await getJson(baseUrl, '/api/v1/info');
  const province = await provinceOf(baseUrl, countyCode, adminKey);
  const { page } = await launch();
  await openDashboard(page, `${baseUrl}/#/${province.code}?measure=rates.membership`, adminKey);
  await waitUntilLive(page);
  await poll(() => figureValue(page, 'members'), { timeout: 10000, message: 'members figure never shown' });
  passed(`province view of ${province.name} is live`);
  const stations = (await getJson(baseUrl, '/api/v1/measures')).find(m => m.name === 'totals.stations').label;
  check(await page.locator('#figures [data-figure="stations"] .figure-label').innerText() === stations,
    `the stations card is named as in the measure catalogue (${stations})`);

  const city = (await getJson(baseUrl, `/api/v1/orgs/${countyCode}`, adminKey)).parentCode;
  await putTargets(baseUrl, city, adminKey, { members: 1e12 });
  const before = await figureValue(page, 'members');
  const { acknowledgedAt } = await addMembers(baseUrl, countyCode, adminKey, EXTRA);
  const expected = (await getJson(baseUrl, `/api/v1/orgs/${province.code}`, adminKey)).totals.members;
  check(expected - before >= EXTRA * 0.9, `PUT for ${countyCode} acknowledged: ${province.name} members ${before} → ${expected} (API)`);

  // In demo mode the simulator keeps moving the total, so only the jump is compared; otherwise the exact total.
  const arrived = await poll(async () => {
    const shown = await figureValue(page, 'members');
    const matches = info.demo ? shown - before >= EXTRA * 0.9 : shown === expected;
    return matches && { shown, after: Date.now() - acknowledgedAt };
  }, { timeout: 3000, interval: 20, message: `members figure did not change to ${expected}` });
  check(arrived.after <= 1000, `page shows members ${arrived.shown} ${arrived.after} ms after the PUT was acknowledged (≤ 1000 ms)`);
  const text = await page.locator('#figures [data-figure="members"] .figure-value').innerText();
  check(/^[\d.,]+(万|亿)?$/.test(text), `members figure is shown in Chinese units ("${text}")`);
  check(await page.locator('body[data-live="true"]').count() === 1, 'figures are still marked live');
  const cityRow = page.locator(`#ranking tr[data-code="${city}"]`);
  await poll(async () => (await cityRow.getAttribute('class'))?.includes('behind'), {
    timeout: 3000, interval: 50, message: `the ranking row of ${city} was not marked behind after its update`,
  });
  const progress = await cityRow.locator('.behind-mark').innerText();
  check(progress === '落后' && await page.locator('#ranking th[data-key="attainment"]').innerText() === '目标进度',
    `the live ranking shows 目标进度 and marks ${city} 落后`);
  const tooltip = await cityRow.locator('td[title]').getAttribute('title');
  check(tooltip.includes('会员人数：完成') && tooltip.includes('目标 10000.0亿'), `the progress tooltip names the target as a count ("${tooltip}")`);
  check(await page.locator('#org-targets').isHidden(), 'the province, which has no targets, shows no targets line');

  // The city's own view tells its targets under its figures, the one behind marked.
  await page.goto(`${baseUrl}/#/${city}?measure=rates.membership`);
  const behindTarget = page.locator('#org-targets .target.behind');
  await poll(() => behindTarget.isVisible(), { timeout: 10000, message: `the view of ${city} never showed its target behind` });
  const line = await page.locator('#org-targets').innerText();
  check(line.includes('年度目标') && (await behindTarget.innerText()).startsWith('会员人数：完成'), `the city's targets line tells its progress ("${line}")`);
});
