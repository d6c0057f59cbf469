// Scenario: on a phone's screen (390 × 844) the page is one column no wider than the screen: the map and the panels fit
// it, the ranking's wide table scrolls sideways inside its own panel, the ranking shows more than a handful of rows, and
// the map's colour legend lies clear of the map.
// Usage: node tests/browser/phone.mjs <baseUrl>
import { baseUrlFrom, check, colouredRegions, mapPointsUnderLegend, mapState, poll, run } from './browser.mjs';
import { openDashboard, waitUntilLive } from './page.mjs';

const baseUrl = baseUrlFrom(process.argv);
const WIDTH = 390;

await run(async launch => {
  const { page } = await launch();
  await page.setViewportSize({ width: WIDTH, height: 844 });
  await openDashboard(page, `${baseUrl}/`);
  await waitUntilLive(page);
  await poll(async () => colouredRegions(await mapState(page), /^\d{2}0000$/).length >= 25,
    { timeout: 20000, message: 'national map never had numeric values for 25 provinces' });
  await page.waitForSelector('#ranking tbody tr:nth-child(25)');

  const layout = await page.evaluate(() => {
    const right = selector => document.querySelector(selector).getBoundingClientRect().right;
    const wrap = document.querySelector('.table-wrap');
    return {
      page: document.documentElement.scrollWidth,
      map: right('.map-panel'),
      figures: right('.figures-panel'),
      ranking: right('.ranking-panel'),
      tableScrolls: wrap.scrollWidth > wrap.clientWidth,
      rankingHeight: wrap.clientHeight,
    };
  });
  check(layout.page <= WIDTH, `the page is no wider than the screen (${layout.page} px)`);
  check(Math.max(layout.map, layout.figures, layout.ranking) <= WIDTH,
    `map, figures and ranking end within the screen (at ${layout.map}, ${layout.figures}, ${layout.ranking} px)`);
  check(layout.tableScrolls, 'the ranking table scrolls sideways inside its panel');
  check(layout.rankingHeight >= 400, `the ranking shows rows over ${layout.rankingHeight} px, not a sliver`);

  const legend = await mapPointsUnderLegend(page);
  check(legend.box.right - legend.box.left > 100, `the legend is drawn across the map's width (${JSON.stringify(legend.box)})`);
  check(legend.under === 0, `no point of the map's outlines lies under the legend (${legend.under} do)`);
});
