// Scenario: a click on the national view opens the province while live updates stream in. Each press is held as a hand
// holds it (120 ms) after hovering, while a county's figures are written every 40 ms, so the map and the ranking are
// redrawn up to 4 times a second; every click must open the province.
// Usage: node tests/browser/clicks-live.mjs <baseUrl> <countyCode> <adminKey> map|ranking
//   countyCode: a county-level org (e.g. 450102); the scenario clicks the province above it.
//   adminKey: a key the API accepts for PUT /api/v1/orgs/{code}/figures; the page reads with it too.
//   map|ranking: click the province's region on the map, or its name in the ranking.
import { addMembers, getJson, provinceOf } from './api.mjs';
import { baseUrlFrom, check, fail, passed, poll, run } from './browser.mjs';
import { featurePoint, figureValue, hashCode, openDashboard, waitForView, waitUntilLive } from './page.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [countyCode, adminKey, target] = process.argv.slice(3);
if (!countyCode || !adminKey || !['map', 'ranking'].includes(target)) fail('usage: node clicks-live.mjs <baseUrl> <countyCode> <adminKey> map|ranking');

const CLICKS = 8;
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const nationalDrawn = page => waitForView(page, { code: '000000', map: 'national-000000', minRegions: 25, pattern: /^\d{2}0000$/ });

// Where on the page the province is: its region's interior on the map, or the middle of its name in the ranking.
async function pointOf(page, target, code, feature) {
  if (target === 'ranking') {
    // Sorted by name, so live figures do not move the row; in one task of the page's, so no redraw comes between
    // sorting, finding the row and measuring it.
    return page.evaluate(rowCode => {
      const byName = document.querySelector('#ranking th[data-key="name"]');
      if (byName.getAttribute('aria-sort') === 'none') byName.click();
      const link = document.querySelector(`#ranking tr[data-code="${rowCode}"] td.name a`);
      link.scrollIntoView({ block: 'center' });
      const box = link.getBoundingClientRect();
      return [box.x + box.width / 2, box.y + box.height / 2];
    }, code);
  }
  return featurePoint(page, feature);
}

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
      const [x, y] = await pointOf(page, target, province.code, feature);
      await page.mouse.move(x, y);
      await sleep(150);
      await page.mouse.down();
      await sleep(120);
      await page.mouse.up();
      await poll(async () => hashCode(page) === province.code, { timeout: 3000, message: `click ${click} on ${province.name} did not open it` });
      // Back only once the province is drawn, so the national view that follows is a fresh one and not redrawn later.
      await waitForView(page, { code: province.code, map: `province-${province.code}`, minRegions: 1, pattern: /^\d{6}$/ });
      await page.goBack();
      await nationalDrawn(page);
    }
  } finally {
    writing = false;
    await writer;
  }
  passed(`${CLICKS} clicks on the ${target}, each held 120 ms, opened ${province.name} while ${writes} writes streamed in`);
  const membersAfter = await poll(async () => { const shown = await figureValue(page, 'members'); return shown > membersBefore && shown; },
    { timeout: 5000, message: 'the national members figure never moved, so no live update reached the page' });
  check(membersAfter > membersBefore, `live updates reached the page meanwhile (members ${membersBefore} → ${membersAfter})`);
});
