// Scenario: a leader finds an org from the header by part of its name, a grassroots union registered a moment ago
// included, and by its code: the matches name each one's level, code and parent, and the one chosen opens in the view
// (a union's map is its county's outline, named as such); an answer slow to come is waited for with a word.
// Usage: node tests/browser/org-search.mjs <baseUrl> <countyCode> <adminKey>
import { sendOk } from './api.mjs';
import { baseUrlFrom, check, poll, run } from './browser.mjs';
import { hashCode, waitUntilLive } from './page.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [county, adminKey] = process.argv.slice(3);
const unit = `${county}-FIND-1`;

await run(async launch => {
  await sendOk(baseUrl, adminKey, 'PUT', `/api/v1/orgs/${county}/units/${unit}`, { name: '兴宁区查找测试快递工会', kind: 'joint' });
  const { page } = await launch();
  await page.goto(`${baseUrl}/`);
  // The box listens once the page has started.
  await waitUntilLive(page);
  const box = page.getByLabel('查找组织');
  const results = page.locator('#org-search-results');

  await box.fill('查找测试');
  const offered = await poll(async () => (await results.isVisible()) && results.innerText(), { timeout: 10000, message: 'no matches were offered' });
  check(offered.includes('兴宁区查找测试快递工会') && offered.includes(`基层 · ${unit}`), `the unit is offered with its level and code ("${offered.replace(/\s+/g, ' ')}")`);
  await poll(async () => (await results.innerText()).includes('兴宁区'), { timeout: 10000, message: 'the unit\'s parent was never named' });
  await box.press('ArrowDown');
  await page.keyboard.press('Enter');
  await poll(async () => hashCode(page) === unit && (await page.locator('#breadcrumb').innerText()).includes('兴宁区查找测试快递工会'), {
    timeout: 10000, message: 'the chosen unit never opened',
  });
  check(await results.isHidden() && await box.inputValue() === '', 'the matches close and the box empties');
  const tip = await poll(() => page.evaluate(async code => {
    const echarts = await import('/lib/echarts.esm.min.js');
    echarts.getInstanceByDom(document.getElementById('map'))?.dispatchAction({ type: 'showTip', seriesIndex: 0, name: code });
    await new Promise(resolve => setTimeout(resolve, 300));
    return document.getElementById('map').innerText.replace(/\s+/g, ' ').trim();
  }, county), { timeout: 10000, message: 'the unit\'s map never named its county' });
  check(tip === '兴宁区 兴宁区查找测试快递工会所在区域', `the unit's map is its county's outline, named so ("${tip}")`);

  await box.fill('450103');
  await box.press('Enter');
  await poll(async () => hashCode(page) === '450103' && (await page.locator('#breadcrumb').innerText()).includes('青秀区'), {
    timeout: 10000, message: 'Enter on a code never opened it',
  });

  // As the first search after a start on a national tree: its answer held back for 2 s.
  const searches = url => url.pathname === '/api/v1/orgs' && url.searchParams.has('q');
  await page.route(searches, async route => {
    await new Promise(resolve => setTimeout(resolve, 2000));
    await route.continue();
  });
  await box.fill('青秀区');
  await poll(async () => (await results.isVisible()) && (await results.innerText()) === '正在查找…', { timeout: 5000, message: 'a slow answer was waited for in silence' });
  await poll(async () => (await results.innerText()).includes('450103'), { timeout: 10000, message: 'the slow answer never replaced the word' });
  await page.unroute(searches);

  await box.fill('没有这个组织');
  await poll(async () => (await results.innerText()) === '找不到“没有这个组织”，请输入组织名称或代码', { timeout: 10000, message: 'a search without matches was not told so' });
  await box.press('Escape');
  check(await results.isHidden() && hashCode(page) === '450103', 'Escape closes the matches and the view stays');
});
