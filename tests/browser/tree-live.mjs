// Scenario: a county's dashboard stays open while grassroots unions are registered, renamed and deregistered under it
// through the API: its ranking gains, renames and loses their rows live, counts them in its title, and offers to compare
// their trends once there are two (a renamed unit's line renamed too), all without reloading; six registered within two
// seconds are fetched in a go or two, not one by one. A unit's own view takes its new name when it is renamed, and says
// it was deregistered when it is.
// Usage: node tests/browser/tree-live.mjs <baseUrl> <countyCode> <adminKey>
//   the units <countyCode>-L1 and -L2 are to have weeks of history already, so their trends can be compared.
import { sendOk } from './api.mjs';
import { baseUrlFrom, check, poll, run } from './browser.mjs';
import { openDashboard, waitUntilLive } from './page.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [county, adminKey] = process.argv.slice(3);
const [first, second] = [`${county}-L1`, `${county}-L2`];

const call = (method, path, body) => sendOk(baseUrl, adminKey, method, path, body);
const trendLines = page => page.evaluate(async () => {
  const echarts = await import('/lib/echarts.esm.min.js');
  return (echarts.getInstanceByDom(document.getElementById('trend'))?.getOption()?.series ?? []).map(s => s.name);
});
const register = (code, name) => call('PUT', `/api/v1/orgs/${county}/units/${code}`, { name, kind: 'enterprise' });

await run(async launch => {
  const { page } = await launch();
  await openDashboard(page, `${baseUrl}/#/${county}?measure=rates.membership`, adminKey);
  await waitUntilLive(page);
  await page.evaluate(() => { window.sameLoad = true; });
  const title = page.locator('#ranking-title');
  const row = code => page.locator(`#ranking tr[data-code="${code}"]`);
  const shows = (probe, message) => poll(probe, { timeout: 5000, interval: 50, message });
  const countIs = count => shows(async () => (await title.innerText()).endsWith(`（${count}）`), `the ranking title never counted ${count}`);

  await register(first, '甲快递企业工会');
  await shows(async () => (await row(first).count()) === 1, `${first} never appeared in the open ranking`);
  await countIs(1);
  check(await page.locator('#trend-scope').isHidden(), 'one unit offers no comparison of trends');
  await register(second, '乙外卖平台工会');
  await shows(async () => (await row(second).count()) === 1, `${second} never appeared in the open ranking`);
  await countIs(2);
  check((await title.innerText()).includes('基层工会'), `the ranking is titled for grassroots unions ("${await title.innerText()}")`);
  await shows(() => page.locator('#trend-scope').isVisible(), 'two units never offered a comparison of trends');

  await page.click('#trend-scope button[data-compare="true"]');
  await shows(async () => (await trendLines(page)).length === 2, 'the two units\' trends were never compared');

  await register(first, '甲快递企业联合工会');
  await shows(async () => (await row(first).innerText()).includes('甲快递企业联合工会'), `${first}'s new name never reached its row`);
  await shows(async () => (await trendLines(page)).includes('甲快递企业联合工会'), `${first}'s trend line was never renamed`);

  await call('DELETE', `/api/v1/orgs/${county}/units/${first}`);
  await shows(async () => (await row(first).count()) === 0, `${first} stayed in the ranking after it was deregistered`);
  await countIs(1);
  await shows(() => page.locator('#trend-scope').isHidden(), 'the comparison stayed offered for one unit');
  let childrenFetches = 0;
  page.on('request', request => { if (new URL(request.url()).pathname === `/api/v1/orgs/${county}/children`) childrenFetches++; });
  // Further apart than the hub's pacing, so each registration is news of its own.
  for (let i = 0; i < 6; i++) {
    await register(`${county}-B${i}`, `丙${i}号企业工会`);
    await new Promise(resolve => setTimeout(resolve, 300));
  }
  await countIs(7);
  check(childrenFetches <= 3, `six registrations in two seconds were fetched in ${childrenFetches} goes, not one each`);
  check(await page.evaluate(() => window.sameLoad === true), 'the page was never reloaded');

  await page.goto(`${baseUrl}/#/${second}?measure=rates.membership`);
  await shows(async () => (await page.locator('#org-name').innerText()).startsWith('乙外卖平台工会'), `${second}'s own view never opened`);
  await waitUntilLive(page);
  await register(second, '乙外卖平台联合工会');
  await shows(async () => (await page.locator('#org-name').innerText()).startsWith('乙外卖平台联合工会')
    && (await page.title()).startsWith('乙外卖平台联合工会') && (await page.locator('#breadcrumb').innerText()).includes('乙外卖平台联合工会'),
    `${second}'s own view never took its new name`);
  await call('DELETE', `/api/v1/orgs/${county}/units/${second}`);
  const error = page.locator('#load-error');
  await shows(async () => (await error.isVisible()) && (await error.innerText()).includes('该组织已注销'),
    `${second}'s open view never said it is gone`);
});
