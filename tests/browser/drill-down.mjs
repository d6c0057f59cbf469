// Scenario: drill down by clicking the map (national → province → city → county) and go back up with the back button.
// Usage: node tests/browser/drill-down.mjs <baseUrl> [provinceCode] [readKey]
//   provinceCode: the province to click on the national map (default 450000, 广西).
//   readKey: only when the app has anonymous read off.
import { getJson } from './api.mjs';
import { baseUrlFrom, check, colouredRegions, passed, run } from './browser.mjs';
import { interiorPoint } from './geo-point.mjs';
import { featurePoint, hashCode, openDashboard, waitForView } from './page.mjs';

const baseUrl = baseUrlFrom(process.argv);
const provinceCode = process.argv[3] ?? '450000';
const readKey = process.argv[4];

const crumbs = async page => (await page.locator('#breadcrumb [data-code]').allInnerTexts()).map(t => t.trim());

// Clicks the map where the feature lies.
async function clickFeature(page, feature) {
  const [x, y] = await featurePoint(page, feature);
  await page.mouse.click(x, y);
}

// The biggest feature whose org is among `codes`: the easiest click target.
const biggest = (features, codeOf, codes) => features
  .filter(f => f.properties.code && codes.has(codeOf(f)))
  .map(f => ({ f, size: interiorPoint(f)?.clearance ?? 0 }))
  .sort((a, b) => b.size - a.size)[0].f;

await run(async launch => {
  const province = await getJson(baseUrl, `/api/v1/orgs/${provinceCode}`, readKey);
  const cities = new Set((await getJson(baseUrl, `/api/v1/orgs/${provinceCode}/children`, readKey)).map(c => c.code));
  const china = await getJson(baseUrl, '/geo/china.json');
  const counties = (await getJson(baseUrl, `/geo/${provinceCode}.json`)).features.filter(f => f.properties.code);

  const { page } = await launch();
  await openDashboard(page, `${baseUrl}/#/000000`, readKey);
  await waitForView(page, { code: '000000', map: 'national-000000', minRegions: 25, pattern: /^\d{2}0000$/ });
  passed('national view is drawn');
  // Station points sit on top of regions; hide them so each click lands on a region.
  await page.locator('#show-stations').uncheck();

  await clickFeature(page, china.features.find(f => f.properties.code === provinceCode));
  const provinceState = await waitForView(page, { code: provinceCode, map: `province-${provinceCode}`, minRegions: 10, pattern: /^\d{6}$/ });
  passed(`clicking ${province.name} opens #/${provinceCode}`);
  check((await crumbs(page)).join(' › ') === `全国 › ${province.name}`, `breadcrumb shows 全国 › ${province.name}`);
  const drawnCounties = colouredRegions(provinceState).filter(d => d.name.slice(0, 2) === provinceCode.slice(0, 2) && !d.name.endsWith('0000'));
  check(drawnCounties.length >= 10, `province view draws its counties (${drawnCounties.length} coloured county regions)`);

  const countyInProvince = biggest(counties, f => f.properties.cityCode, cities);
  const cityCode = countyInProvince.properties.cityCode;
  await clickFeature(page, countyInProvince);
  await waitForView(page, { code: cityCode, map: `city-${cityCode}`, minRegions: 1, pattern: /^\d{6}$/ });
  const city = await getJson(baseUrl, `/api/v1/orgs/${cityCode}`, readKey);
  passed(`clicking county ${countyInProvince.properties.name} opens its city #/${cityCode} (${city.name})`);
  check((await crumbs(page)).join(' › ') === `全国 › ${province.name} › ${city.name}`, `breadcrumb shows 全国 › ${province.name} › ${city.name}`);

  const children = await getJson(baseUrl, `/api/v1/orgs/${cityCode}/children`, readKey);
  const reported = children.find(c => c.own);
  const day = new Date(reported.own.asOf).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const thisYear = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4);
  const shownDay = day.startsWith(thisYear) ? day.slice(5) : day;
  check(await page.locator('#ranking th[data-key="own.asOf"]').innerText() === '本级截至' &&
    await page.locator(`#ranking tr[data-code="${reported.code}"] td`).last().innerText() === shownDay,
    `the ranking shows the day of ${reported.name}'s own latest report under 本级截至 (${shownDay})`);

  const cityCounties = new Set(children.map(c => c.code));
  const county = biggest(counties.filter(f => f.properties.cityCode === cityCode), f => f.properties.code, cityCounties);
  await clickFeature(page, county);
  await waitForView(page, { code: county.properties.code, map: `county-${county.properties.code}`, minRegions: 1, pattern: /^\d{6}$/ });
  passed(`clicking ${county.properties.name} opens the county view #/${county.properties.code}`);

  await page.goBack();
  await waitForView(page, { code: cityCode, map: `city-${cityCode}`, minRegions: 1, pattern: /^\d{6}$/ });
  check((await crumbs(page)).length === 3, `back returns to the city view #/${cityCode}`);
  await page.goBack();
  await waitForView(page, { code: provinceCode, map: `province-${provinceCode}`, minRegions: 10, pattern: /^\d{6}$/ });
  check((await crumbs(page)).join(' › ') === `全国 › ${province.name}`, `back again returns to the province view #/${provinceCode}`);
  await page.goBack();
  await waitForView(page, { code: '000000', map: 'national-000000', minRegions: 25, pattern: /^\d{2}0000$/ });
  check((await crumbs(page)).join(' › ') === '全国', 'back again returns to the national view');
});
