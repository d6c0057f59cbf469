// Scenario: a county union keeps 上报记录 open while its scripts write: what is accepted appears in today's list within
// 15 s, highlighted, without a reload, while the list of another day stays as it is. The page's clock is Playwright's.
// Usage: node tests/browser/accepted-live.mjs <baseUrl> <countyCode> <adminKey>
import { addMembers, sendOk } from './api.mjs';
import { baseUrlFrom, check, poll, run } from './browser.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [county, adminKey] = process.argv.slice(3);
const rows = page => page.locator('#entries tbody tr');

await run(async launch => {
  const writer = (await sendOk(baseUrl, adminKey, 'POST', '/api/v1/keys', { orgCode: county, role: 'writer' })).key;
  await addMembers(baseUrl, county, writer, 7);
  const { page } = await launch();
  await page.clock.install();
  await page.goto(`${baseUrl}/accepted.html`);
  await page.getByLabel('写入密钥').fill(writer);
  await page.getByRole('button', { name: '查看记录' }).click();
  // The key's issue and the first write.
  await poll(async () => await rows(page).count() === 2, { timeout: 15000, message: 'the first write never showed' });
  let requests = 0;
  page.on('request', request => {
    if (new URL(request.url()).pathname === '/api/v1/audit') requests++;
  });

  await addMembers(baseUrl, county, writer, 5);
  await sendOk(baseUrl, writer, 'PUT', `/api/v1/orgs/${county}/units/LIVE-UNIT-1`, { name: '兴宁区实时联合工会', kind: 'joint' });
  await page.clock.runFor(15_000);

  await poll(async () => await rows(page).count() === 4, { timeout: 10000, message: 'the writes accepted since never reached the open list' });
  const texts = await rows(page).allInnerTexts();
  check(texts[1].includes('上报数据') && texts[2].includes('上报数据') && texts[3].includes('兴宁区实时联合工会'), 'they are added in the order accepted, after the first');
  check(await rows(page).nth(1).evaluate(row => !row.classList.contains('changed')) && await rows(page).nth(3).evaluate(row => row.classList.contains('changed')),
    'the new rows are highlighted, not the others');
  check((await page.locator('#summary').textContent()).endsWith('已接收 4 条'), 'the count follows');
  check(requests === 1, `one read brought both (${requests})`);

  await page.getByLabel('日期（北京时间）').fill('2026-01-02');
  await poll(async () => (await page.locator('#summary').textContent()) === '2026-01-02 没有已接收的上报', { timeout: 10000, message: 'another day never showed' });
  const before = requests;
  await addMembers(baseUrl, county, writer, 3);
  await page.clock.runFor(30_000);
  await page.waitForTimeout(500);
  check(requests === before && await rows(page).count() === 0, 'a past day\'s list is not asked again');
});
