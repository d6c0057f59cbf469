// Scenario: a county's dashboard fetches its children again on news of two registrations, and the answer to the first
// fetch comes last, after the second fetch's newer answer: the page keeps the newer one and counts both units.
// Usage: node tests/browser/tree-order.mjs <baseUrl> <countyCode> <adminKey>
import { sendOk } from './api.mjs';
import { baseUrlFrom, check, poll, run } from './browser.mjs';
import { openDashboard, waitUntilLive } from './page.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [county, adminKey] = process.argv.slice(3);
const HELD_FOR = 3000;

const register = code => sendOk(baseUrl, adminKey, 'PUT', `/api/v1/orgs/${county}/units/${code}`, { name: `${code} 企业工会`, kind: 'enterprise' });

await run(async launch => {
  const { page } = await launch();
  await openDashboard(page, `${baseUrl}/#/${county}?measure=rates.membership`, adminKey);
  await waitUntilLive(page);
  const title = page.locator('#ranking-title');

  // The first children fetch from now on reads the server at once, and its answer is held back.
  let fetched, released;
  const fetchedOnce = new Promise(resolve => { fetched = resolve; });
  const releasedOnce = new Promise(resolve => { released = resolve; });
  let held = false;
  await page.route(`**/api/v1/orgs/${county}/children`, async route => {
    if (held) return route.continue();
    held = true;
    const response = await route.fetch();
    fetched();
    await new Promise(resolve => setTimeout(resolve, HELD_FOR));
    await route.fulfill({ response });
    released();
  });

  await register(`${county}-O1`);
  await poll(() => fetchedOnce.then(() => true), { timeout: 10000, message: 'the first registration was never fetched' });
  await register(`${county}-O2`);
  await poll(async () => (await title.innerText()).endsWith('（2）'), { timeout: HELD_FOR, message: 'the second fetch never counted both units' });
  await releasedOnce;
  await new Promise(resolve => setTimeout(resolve, 500));
  const after = await title.innerText();
  check(after.endsWith('（2）'), `the late answer to the first fetch did not undo the newer one ("${after}")`);
});
