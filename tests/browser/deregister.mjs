// Scenario: a county union deregisters grassroots unions that closed on 上报记录: a list naming a code the county has no
// unit of is refused whole, that code named in Chinese; the mended list deregisters its unit, which is then listed among
// the day's entries (with the key it had, revoked) and gone from the API, while the county's other unit stays; the unit's
// own key, tried on 上报记录, is told it was revoked with its unit and who issues keys now. A station that closed goes the
// same way.
// Usage: node tests/browser/deregister.mjs <baseUrl> <countyCode> <adminKey>
import { send } from './api.mjs';
import { baseUrlFrom, check, poll, run } from './browser.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [county, adminKey] = process.argv.slice(3);
const [closed, kept] = [`${county}-D1`, `${county}-D2`];

const call = (method, path, body) => send(baseUrl, adminKey, method, path, body);

await run(async launch => {
  for (const code of [closed, kept]) await call('PUT', `/api/v1/orgs/${county}/units/${code}`, { name: `${code} 企业工会`, kind: 'enterprise' });
  const { key: unitKey } = await (await call('POST', '/api/v1/keys', { orgCode: closed, role: 'writer' })).json();
  const station = `${county}-S1`;
  await call('PUT', `/api/v1/stations/${station}`, { orgCode: county, name: '关闭的驿站', lat: 22.82, lon: 108.37 });
  const { key } = await (await call('POST', '/api/v1/keys', { orgCode: county, role: 'writer' })).json();
  const { page } = await launch();
  page.on('dialog', dialog => dialog.accept());
  await page.addInitScript(value => sessionStorage.setItem('coverage.accessKey', value), key);
  await page.goto(`${baseUrl}/accepted.html`);
  await poll(() => page.locator('#deregister-units').isVisible(), { timeout: 15000, message: 'a county key was never offered 注销' });

  const result = page.locator('#upload-result');
  await page.click('#deregister-units');
  await page.fill('#deregister-codes', `${closed}， NOPE-1`);
  await page.click('#deregister-form button[type="submit"]');
  await poll(async () => (await result.innerText()).includes('未注销'), { timeout: 10000, message: 'the list with an unknown code was never refused' });
  const refusal = await result.innerText();
  check(refusal.includes('NOPE-1：') && refusal.includes('没有代码为“NOPE-1”的基层工会'), `the refusal names NOPE-1 in Chinese ("${refusal}")`);
  check((await call('GET', `/api/v1/orgs/${closed}`)).status === 200, 'nothing was deregistered by the refused list');

  await page.fill('#deregister-codes', closed);
  await page.click('#deregister-form button[type="submit"]');
  await poll(async () => (await result.innerText()).includes('已注销 1 个基层工会'), { timeout: 10000, message: 'the mended list was never applied' });
  await poll(async () => (await page.locator('#entries tbody').innerText()).includes('批量注销基层工会'), {
    timeout: 10000, message: 'the deregistration was never listed among the day\'s entries',
  });
  const entries = await page.locator('#entries tbody').innerText();
  check(entries.includes('同时吊销其密钥 1 个'), 'the entry says the unit\'s key was revoked with it');
  check((await call('GET', `/api/v1/orgs/${closed}`)).status === 404, `${closed} is gone`);
  check((await call('GET', `/api/v1/orgs/${kept}`)).status === 200, `${kept} stays`);

  const unitPage = await page.context().newPage();
  await unitPage.goto(`${baseUrl}/accepted.html`);
  await unitPage.getByLabel('写入密钥').fill(unitKey);
  await unitPage.getByRole('button', { name: '查看记录' }).click();
  const told = await poll(async () => (await unitPage.locator('#key-error').isVisible()) && unitPage.locator('#key-error').textContent(),
    { timeout: 15000, message: 'the deregistered unit\'s key was never refused' });
  check(told.includes(`“${closed}”`) && told.includes('已注销') && told.includes(`下级组织的密钥由“${county}”（`),
    `the unit's key is told it went with its unit and who issues keys now ("${told}")`);
  await unitPage.close();

  await page.click('#close-stations');
  check(await page.locator('#deregister-what').innerText() === '要注销的驿站编号', 'the form asks for station ids');
  await page.fill('#deregister-codes', station);
  await page.click('#deregister-form button[type="submit"]');
  await poll(async () => (await result.innerText()).includes('已注销 1 个驿站'), { timeout: 10000, message: 'the station was never closed' });
  const listed = await (await call('GET', `/api/v1/orgs/${county}/stations`)).json();
  check(!listed.items.some(s => s.id === station), `${station} is no longer listed`);
});
