// Scenario: a city view coloured by stations per 10,000 new-employment workers: the stations' cards carry both station
// rates of the city as the API gives them, the county's ranking row and map region show its own, with decimals.
// Usage: node tests/browser/station-rates.mjs <baseUrl> <countyCode> <adminKey>
import { changeOwnFigures, getJson, putStationWithVisits } from './api.mjs';
import { baseUrlFrom, check, fail, mapState, poll, run } from './browser.mjs';
import { openDashboard, waitUntilLive } from './page.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [countyCode, adminKey] = process.argv.slice(3);
if (!countyCode || !adminKey) fail('usage: node station-rates.mjs <baseUrl> <countyCode> <adminKey>');

// The page's own formats for such numbers: two decimals below 10, one above.
const decimal = value => value.toFixed(Math.abs(value) < 10 ? 2 : 1);

await run(async launch => {
  await changeOwnFigures(baseUrl, countyCode, adminKey, own => ({ ...own, newEmployment: { courier: { workers: 30000, members: 1200 } } }));
  await putStationWithVisits(baseUrl, adminKey, 'rates-1', countyCode, 40);
  await putStationWithVisits(baseUrl, adminKey, 'rates-2', countyCode, 0);
  const county = await getJson(baseUrl, `/api/v1/orgs/${countyCode}`, adminKey);
  const city = await getJson(baseUrl, `/api/v1/orgs/${county.parentCode}`, adminKey);
  check(county.rates.visitsPerStation === 20 && Math.abs(county.rates.stationsPer10kNewEmployment - 2 / 3) < 1e-9,
    `the county's station rates: ${county.rates.visitsPerStation} visits a station, ${county.rates.stationsPer10kNewEmployment} stations per 10,000`);

  const { page } = await launch();
  await openDashboard(page, `${baseUrl}/#/${city.code}?measure=rates.stationsPer10kNewEmployment`, adminKey);
  await waitUntilLive(page);
  const density = `每万名新就业形态劳动者 ${decimal(city.rates.stationsPer10kNewEmployment)} 个`;
  await poll(async () => (await page.locator('#figures [data-figure="stations"] .figure-note').innerText()) === density, {
    timeout: 15000, message: `the stations card never said ${density}`,
  });
  const perStation = `站均 ${decimal(city.rates.visitsPerStation)}`;
  check((await page.locator('#figures [data-figure="stationVisitsToday"] .figure-note').innerText()).endsWith(perStation),
    `the visits card says ${perStation}`);

  const cell = page.locator(`#ranking tr[data-code="${countyCode}"] td.measure`);
  await poll(async () => (await cell.count()) === 1 && (await cell.innerText()) === '0.67', {
    timeout: 15000, message: `the ranking never showed ${county.name}'s 0.67 stations per 10,000 in the chosen measure's column`,
  });
  const region = (await mapState(page)).data.find(d => d.name === countyCode);
  check(region && Math.abs(region.value - 2 / 3) < 1e-9, `${county.name} is coloured by its own density (${region?.value})`);

  // A county with neither stations nor new-employment workers has no station rates: its cards leave them out.
  const bare = (await getJson(baseUrl, `/api/v1/orgs/${city.code}/children`, adminKey))
    .find(c => c.rates.stationsPer10kNewEmployment == null && c.rates.visitsPerStation == null);
  await page.goto(`${baseUrl}/#/${bare.code}`);
  await poll(async () => (await page.locator('#figures [data-figure="stationVisitsToday"] .figure-note').innerText()) === '近7日 0', {
    timeout: 15000, message: `${bare.name}'s visits card never said just 近7日 0`,
  });
  check((await page.locator('#figures [data-figure="stations"] .figure-note').innerText()) === '', `${bare.name}'s stations card has no density note`);
});
