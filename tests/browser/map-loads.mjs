// Scenario: the page loads and the national map is drawn with coloured provinces, its legend clear of them, fetching the
// view once; the demo banner shows in demo mode; with one week of history the trend says so and gives that week's value
// instead of an empty chart; picking today's station visits shows a weekly trend of each week's visits under its name.
// Usage: node tests/browser/map-loads.mjs <baseUrl> [readKey]
//   readKey: only when the app has anonymous read off (GET /api/v1/info → anonymousRead false).
import { getJson } from './api.mjs';
import { baseUrlFrom, check, colouredRegions, mapPointsUnderLegend, mapState, poll, run } from './browser.mjs';
import { openDashboard, waitUntilLive } from './page.mjs';

const baseUrl = baseUrlFrom(process.argv);
const readKey = process.argv[3];

await run(async launch => {
  const info = await getJson(baseUrl, '/api/v1/info');
  const { page } = await launch();
  let childrenFetches = 0;
  const trendMeasures = [];
  page.on('request', request => {
    const url = new URL(request.url());
    if (url.pathname === '/api/v1/orgs/000000/children') childrenFetches++;
    if (url.pathname.endsWith('/timeseries')) trendMeasures.push(url.searchParams.get('measure'));
  });
  await openDashboard(page, `${baseUrl}/`, readKey);

  const provinces = await poll(async () => {
    const coloured = colouredRegions(await mapState(page), /^\d{2}0000$/);
    return coloured.length >= 25 && coloured;
  }, { timeout: 20000, message: 'national map never had numeric values for 25 provinces' });
  check(provinces.length >= 25, `national map series has numeric values for ${provinces.length} provinces (≥ 25)`);

  const pixels = await page.evaluate(() => {
    const canvas = document.querySelector('#map canvas');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) continue;
      painted++;
      colours.add((data[i] >> 4) * 256 + (data[i + 1] >> 4) * 16 + (data[i + 2] >> 4));
    }
    return { share: painted / (data.length / 4), colours: colours.size };
  });
  check(pixels.share > 0.1, `map canvas is drawn (${(pixels.share * 100).toFixed(1)}% of pixels painted)`);
  check(pixels.colours >= 8, `map canvas shows a range of colours (${pixels.colours} distinct)`);
  const legend = await mapPointsUnderLegend(page);
  check(legend.box.bottom - legend.box.top > 100, `the legend stands beside the map (${JSON.stringify(legend.box)})`);
  check(legend.under === 0, `no point of the map's outlines lies under the legend (${legend.under} do)`);

  await waitUntilLive(page);
  await page.waitForTimeout(500);
  check(childrenFetches === 1, `the first view was fetched once, after subscribing (children fetched ${childrenFetches} times)`);

  const crumb = (await page.locator('#breadcrumb').innerText()).trim();
  check(crumb === '全国', `breadcrumb shows 全国 (got "${crumb}")`);

  const banner = page.locator('#demo-banner');
  if (info.demo) {
    check(await banner.isVisible(), 'demo mode: banner is visible');
    check((await banner.innerText()).includes('演示数据 — 非真实统计'), 'demo banner says 演示数据 — 非真实统计');
  } else {
    check(!(await banner.isVisible()), 'not demo mode: no demo banner');
  }

  check(await page.locator('#measure').inputValue() === 'rates.membership', 'the map opens on 入会率 (rates.membership)');
  check(trendMeasures[0] === 'rates.membership', `the first trend reads rates.membership (${trendMeasures[0]})`);
  const history = await getJson(baseUrl, '/api/v1/orgs/000000/timeseries?measure=rates.membership&interval=week', readKey);
  if (history.points.length === 1) {
    const [{ date, value }] = history.points;
    const said = `目前只有 ${date} 这一周的数据（${(value * 100).toFixed(1)}%），满两周后显示趋势`;
    await poll(async () => (await page.locator('#trend-empty').isVisible()) && (await page.locator('#trend-empty').innerText()) === said, {
      timeout: 5000, message: `with one week of history the trend never said: ${said}`,
    });
    check(!(await page.locator('#trend').isVisible()), 'with one week of history no empty chart is drawn');
  }
  const weekly = (await getJson(baseUrl, '/api/v1/measures')).find(m => m.name === 'totals.stationVisits.last7Days').label;
  await page.selectOption('#measure', 'totals.stationVisits.today');
  await poll(async () => (await page.locator('#trend-title').innerText()) === `${weekly} · 近一年趋势（每周）`, {
    timeout: 5000, message: `the trend title never named ${weekly} after picking today's visits`,
  });
  check(trendMeasures.at(-1) === 'totals.stationVisits.last7Days', `the weekly trend of station visits reads ${trendMeasures.at(-1)}`);
});
