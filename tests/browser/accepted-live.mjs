// Scenario: a county union keeps 上报记录 open on a busy day while its scripts write: the latest writes are on top, the
// earlier ones a click away; what is accepted since appears on top within 15 s, highlighted, without a reload, while the
// list of another day stays as it is. The page's clock is Playwright's.
// Usage: node tests/browser/accepted-live.mjs <baseUrl> <countyCode> <adminKey>
import { addMembers, sendOk } from './api.mjs';
import { baseUrlFrom, check, poll, run } from './browser.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [county, adminKey] = process.argv.slice(3);
const rows = page => page.locator('#entries tbody tr');

await run(async launch => {
  const writer = (await sendOk(baseUrl, adminKey, 'POST', '/api/v1/keys', { orgCode: county, role: 'writer' })).key;
  // A morning's registrations, more than a page of the list, then the first figures.
  const units = Array.from({ length: 210 }, (_, i) => ({ code: `BUSY-${i}`, name: `兴宁区忙碌工会${i}`, kind: 'joint' }));
  await sendOk(baseUrl, writer, 'POST', `/api/v1/orgs/${county}/units:batch`, units);
  await addMembers(baseUrl, county, writer, 7);
  const { page } = await launch();
  await page.clock.install();
  await page.goto(`${baseUrl}/accepted.html`);
  await page.getByLabel('写入密钥').fill(writer);
  await page.getByRole('button', { name: '查看记录' }).click();
  await poll(async () => await rows(page).count() === 200, { timeout: 15000, message: 'the day\'s first page never showed' });
  check((await rows(page).first().innerText()).includes('上报数据'), 'the latest write is on top');
  check((await page.locator('#summary').textContent()).endsWith('已接收 200+ 条'), 'the count says there are earlier ones');
  let requests = 0;
  page.on('request', request => {
    if (new URL(request.url()).pathname === '/api/v1/audit') requests++;
  });

  await addMembers(baseUrl, county, writer, 5);
  await sendOk(baseUrl, writer, 'PUT', `/api/v1/orgs/${county}/units/LIVE-UNIT-1`, { name: '兴宁区实时联合工会', kind: 'joint' });
  await page.clock.runFor(15_000);

  await poll(async () => await rows(page).count() === 202, { timeout: 10000, message: 'the writes accepted since never reached the open list' });
  const texts = await rows(page).allInnerTexts();
  check(texts[0].includes('兴宁区实时联合工会') && texts[1].includes('上报数据') && texts[2].includes('上报数据'), 'they are put on top, the latest first');
  check(await rows(page).nth(1).evaluate(row => row.classList.contains('changed')) && await rows(page).nth(2).evaluate(row => !row.classList.contains('changed')),
    'the new rows are highlighted, not the others');
  check((await page.locator('#summary').textContent()).endsWith('已接收 202+ 条'), 'the count follows');
  check(requests === 1, `one read brought both (${requests})`);

  await page.getByRole('button', { name: '更早的记录' }).click();
  await poll(async () => await rows(page).count() === 214, { timeout: 10000, message: 'the earlier entries never came' });
  check((await rows(page).last().innerText()).includes('发放密钥'), 'the earliest, the key\'s issue, is at the bottom');
  check((await page.locator('#summary').textContent()).endsWith('已接收 214 条') && !(await page.locator('#more').isVisible()), 'and nothing is left to load');

  await page.getByLabel('日期（北京时间）').fill('2026-01-02');
  await poll(async () => (await page.locator('#summary').textContent()) === '2026-01-02 没有已接收的上报', { timeout: 10000, message: 'another day never showed' });
  const before = requests;
  await addMembers(baseUrl, county, writer, 3);
  await page.clock.runFor(30_000);
  await page.waitForTimeout(500);
  check(requests === before && await rows(page).count() === 0, 'a past day\'s list is not asked again');
});
