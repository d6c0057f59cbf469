// Scenario: a click on the national map opens the province while live updates stream in. Each press is held as a hand
// holds it (120 ms) after hovering, while a county's figures are written every 40 ms, so the map is redrawn up to 4 times a
// second; every click must open the province.
// Usage: node tests/browser/map-click-live.mjs <baseUrl> <countyCode> <adminKey>
//   countyCode: a county-level org (e.g. 450102); the scenario clicks the province above it.
//   adminKey: a key the API accepts for PUT /api/v1/orgs/{code}/figures; the page reads with it too.
import { addMembers, getJson, provinceOf } from './api.mjs';
import { baseUrlFrom, check, colouredRegions, fail, mapState, passed, poll, run } from './browser.mjs';
import { interiorPoint } from './geo-point.mjs';
import { figureValue, openDashboard, waitUntilLive } from './page.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [countyCode, adminKey] = process.argv.slice(3);
if (!countyCode || !adminKey) fail('usage: node map-click-live.mjs <baseUrl> <countyCode> <adminKey>');

const CLICKS = 8;
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const hashCode = page => decodeURIComponent(new URL(page.url()).hash.replace(/^#\/?/, '').split('?')[0]);

const nationalDrawn = page => poll(async () => hashCode(page) === '000000'
  && colouredRegions(await mapState(page), /^\d{2}0000$/).length >= 25, { timeout: 15000, message: 'national map never drawn' });

await run(async launch => {
  const province = await provinceOf(baseUrl, countyCode, adminKey);
  const feature = (await getJson(baseUrl, '/geo/china.json')).features.find(f => f.properties.code === province.code);
  const { page } = await launch();
  await openDashboard(page, `${baseUrl}/#/000000`, adminKey);
  await waitUntilLive(page);
  await nationalDrawn(page);
  await page.locator('#show-stations').uncheck();
  const membersBefore = await figureValue(page, 'members');

  let writing = true;
  let writes = 0;
  const writer = (async () => {
    while (writing) {
      await addMembers(baseUrl, countyCode, adminKey, 1);
      writes++;
      await sleep(40);
    }
  })();
  try {
    for (let click = 1; click <= CLICKS; click++) {
      const [x, y] = await page.evaluate(async coords => {
        const echarts = await import('/lib/echarts.esm.min.js');
        return echarts.getInstanceByDom(document.getElementById('map')).convertToPixel({ geoIndex: 0 }, coords);
      }, interiorPoint(feature).point);
      const box = await page.locator('#map').boundingBox();
      await page.mouse.move(box.x + x, box.y + y);
      await sleep(150);
      await page.mouse.down();
      await sleep(120);
      await page.mouse.up();
      await poll(async () => hashCode(page) === province.code, { timeout: 3000, message: `click ${click} on ${province.name} did not open it` });
      await page.goBack();
      await nationalDrawn(page);
    }
  } finally {
    writing = false;
    await writer;
  }
  passed(`${CLICKS} clicks, each held 120 ms, opened ${province.name} while ${writes} writes streamed in`);
  const membersAfter = await poll(async () => { const shown = await figureValue(page, 'members'); return shown > membersBefore && shown; },
    { timeout: 5000, message: 'the national members figure never moved, so no live update reached the page' });
  check(membersAfter > membersBefore, `live updates reached the page meanwhile (members ${membersBefore} → ${membersAfter})`);
});
