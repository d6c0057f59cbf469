// Scenario: 大屏 mode enlarges the map's text (region labels, legend) and the legend still lies clear of the map;
// leaving it brings the usual size back.
// Usage: node tests/browser/big-screen.mjs <baseUrl>
import { baseUrlFrom, check, colouredRegions, mapPointsUnderLegend, mapState, poll, run } from './browser.mjs';
import { openDashboard, waitUntilLive } from './page.mjs';

const baseUrl = baseUrlFrom(process.argv);

const mapTextSizes = page => page.evaluate(async () => {
  const echarts = await import('/lib/echarts.esm.min.js');
  const option = echarts.getInstanceByDom(document.getElementById('map')).getOption();
  return { labels: option.geo[0].label.fontSize, legend: option.visualMap[0].textStyle.fontSize };
});

await run(async launch => {
  const { page } = await launch();
  await openDashboard(page, `${baseUrl}/`);
  await waitUntilLive(page);
  await poll(async () => colouredRegions(await mapState(page), /^\d{2}0000$/).length >= 25,
    { timeout: 20000, message: 'national map never had numeric values for 25 provinces' });
  const usual = await mapTextSizes(page);

  await page.getByRole('button', { name: '大屏' }).click();
  const big = await poll(async () => {
    const sizes = await mapTextSizes(page);
    return sizes.legend > usual.legend && sizes;
  }, { timeout: 5000, message: `the legend's text never grew from ${usual.legend} px in 大屏 mode` });
  check(big.labels > usual.labels, `region labels grow in 大屏 mode (${usual.labels} → ${big.labels} px)`);
  check(big.legend > usual.legend, `legend text grows in 大屏 mode (${usual.legend} → ${big.legend} px)`);
  const legend = await mapPointsUnderLegend(page);
  check(legend.box.bottom - legend.box.top > 100, `the legend stands beside the map (${JSON.stringify(legend.box)})`);
  check(legend.under === 0, `no point of the map's outlines lies under the larger legend (${legend.under} do)`);

  await page.getByRole('button', { name: '退出大屏' }).click();
  const back = await poll(async () => {
    const sizes = await mapTextSizes(page);
    return sizes.legend === usual.legend && sizes;
  }, { timeout: 5000, message: 'the legend kept its 大屏 size after leaving 大屏 mode' });
  check(back.labels === usual.labels, `leaving 大屏 mode brings the usual sizes back (${back.labels} / ${back.legend} px)`);
});
