// Scenario: a leader on a city's dashboard switches the trend to 下级对比 and sees a line per county with history, named and
// valued as the API's children series; 本级 brings the city's own line back, and a county without children offers no comparison.
// Usage: node tests/browser/trend-compare.mjs <baseUrl> <cityCode> <countyWithoutChildren>
import { baseUrlFrom, check, poll, run } from './browser.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [city, county] = process.argv.slice(3);

const trendState = page => page.evaluate(async () => {
  const echarts = await import('/lib/echarts.esm.min.js');
  const option = echarts.getInstanceByDom(document.getElementById('trend'))?.getOption();
  return { dates: option?.xAxis?.[0]?.data ?? [], series: (option?.series ?? []).map(s => ({ name: s.name, data: s.data })) };
});

await run(async launch => {
  const { page } = await launch();
  await page.goto(`${baseUrl}/#/${city}?measure=rates.membership`);
  const compare = page.locator('#trend-scope button[data-compare="true"]');
  await poll(() => compare.isVisible(), { timeout: 15000, message: 'the city offered no 下级对比' });
  await compare.click();

  const response = await fetch(`${baseUrl}/api/v1/orgs/${city}/children/timeseries?${new URLSearchParams({ measure: 'rates.membership', interval: 'week' })}`);
  const withHistory = (await response.json()).children.filter(c => c.points.some(p => typeof p.value === 'number'));
  check(withHistory.length >= 2, `the API has children with history to compare (${withHistory.length})`);
  const state = await poll(async () => {
    const current = await trendState(page);
    return current.series.length === withHistory.length && current;
  }, { timeout: 10000, message: `the trend never drew a line for each of the ${withHistory.length} children with history` });
  check((await page.locator('#trend-title').innerText()).includes('下级近一年趋势'), 'the title says the children are compared');
  for (const child of withHistory) {
    const line = state.series.find(s => s.name === child.name);
    const last = child.points.filter(p => typeof p.value === 'number').at(-1);
    check(line && line.data[state.dates.indexOf(last.date)] === last.value, `${child.name}'s line ends at ${last.value} on ${last.date}, as the API says`);
  }

  await page.click('#trend-scope button[data-compare="false"]');
  await poll(async () => (await trendState(page)).series.length === 1 || await page.locator('#trend-empty').isVisible(), {
    timeout: 10000, message: '本级 never brought back the city\'s own trend',
  });
  await page.goto(`${baseUrl}/#/${county}?measure=rates.membership`);
  await poll(async () => (await page.locator('#org-name').innerText()).includes('区'), { timeout: 10000, message: 'the county never opened' });
  check(await page.locator('#trend-scope').isHidden(), 'a county without children offers no comparison');
});
