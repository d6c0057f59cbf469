// Scenario: a leader has a county open when the county registers a station and later closes it: the map's station layer
// and its count follow within seconds, without a reload, and the station's tooltip says what it offers.
// Usage: node tests/browser/stations-live.mjs <baseUrl> <countyCode> <adminKey>
import { sendOk } from './api.mjs';
import { baseUrlFrom, check, poll, run } from './browser.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [county, adminKey] = process.argv.slice(3);
const station = `${county}-live-1`;

await run(async launch => {
  const { page } = await launch();
  await page.goto(`${baseUrl}/#/${county}`);
  await poll(() => page.evaluate(() => document.body.dataset.live === 'true'), { timeout: 15000, message: 'the county never went live' });
  const note = page.locator('#stations-note');
  // The layer is fetched after the view, so its note may still be empty when the page goes live.
  await poll(async () => (await note.textContent()) === '0 个驿站', { timeout: 10000, message: 'the county\'s empty station layer never said so' });

  await sendOk(baseUrl, adminKey, 'PUT', `/api/v1/stations/${station}`, { orgCode: county, name: '新设驿站', lat: 22.82, lon: 108.37, amenities: ['饮水', '充电'] });
  await poll(async () => (await note.textContent()) === '1 个驿站', { timeout: 10000, message: 'the new station never reached the open map' });
  const tip = await page.evaluate(async () => {
    const echarts = await import('/lib/echarts.esm.min.js');
    const chart = echarts.getInstanceByDom(document.getElementById('map'));
    chart.dispatchAction({ type: 'showTip', seriesIndex: chart.getOption().series.findIndex(s => s.id === 'stations'), dataIndex: 0 });
    await new Promise(resolve => setTimeout(resolve, 300));
    return document.getElementById('map').innerText;
  });
  check(tip.includes('新设驿站') && tip.includes('服务：饮水、充电'), `its tooltip names it and what it offers ("${tip.replace(/\s+/g, ' ')}")`);

  await sendOk(baseUrl, adminKey, 'DELETE', `/api/v1/stations/${station}`);
  await poll(async () => (await note.textContent()) === '0 个驿站', { timeout: 10000, message: 'the closed station stayed on the open map' });
});
