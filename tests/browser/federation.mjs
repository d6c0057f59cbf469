// Scenario: a city's admin registers a development-zone union under its city on 密钥管理, is told the county-level org was
// registered, issues it a writer key from the form filled in for it, renames it, and is told in Chinese why a county cannot
// take one; the city's dashboard then ranks the zone among its counties, marked 开发区, noting it has no outline on the map.
// Back on 密钥管理 the admin deregisters the zone: refused in Chinese while a grassroots union is below it, done once it is
// not, the key issued for it revoked.
// Usage: node tests/browser/federation.mjs <baseUrl> <cityCode> <countyCode> <adminKey>
import { send } from './api.mjs';
import { baseUrlFrom, check, poll, run } from './browser.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [city, county, adminKey] = process.argv.slice(3);
const zone = `${city}-KFQ-01`;

const call = (method, path, key, body) => send(baseUrl, key, method, path, body);

const register = async (page, parent, code, name) => {
  await page.fill('#parent-query', parent);
  await page.fill('#federation-code', code);
  await page.fill('#federation-name', name);
  await page.selectOption('#federation-kind', 'zone');
  await page.click('#register-form button[type="submit"]');
};

const statusSays = (page, text, message) => poll(async () => (await page.locator('#register-status').innerText()).includes(text),
  { timeout: 10000, message });

await run(async launch => {
  const cityAdmin = (await (await call('POST', '/api/v1/keys', adminKey, { orgCode: city, role: 'admin' })).json()).key;
  const { name: cityName } = await (await call('GET', `/api/v1/orgs/${city}`, adminKey)).json();
  const { page } = await launch();

  await page.goto(`${baseUrl}/keys.html`);
  await page.fill('#key-input', cityAdmin);
  await page.click('#key-form button[type="submit"]');
  await poll(() => page.locator('#register').isVisible(), { timeout: 15000, message: 'an admin key was never shown the registration form' });

  await register(page, city, zone, '某经济开发区工会');
  await statusSays(page, `已在 ${cityName}（${city}）下登记县级开发区（园区）工会 某经济开发区工会（${zone}）`,
    'the page never said the zone was registered as a county-level org under the city');
  check(await page.inputValue('#org-query') === zone, 'the issue form names the new zone');
  await page.click('#issue-form button[type="submit"]');
  await poll(() => page.locator('#secret').isVisible(), { timeout: 10000, message: 'no key was issued for the new zone' });
  const zoneSecret = await page.locator('#secret-value').innerText();
  const current = await (await call('GET', '/api/v1/keys/current', zoneSecret)).json();
  check(current.orgCode === zone && current.role === 'writer', `the key issued is a writer key of the zone (${current.orgCode}, ${current.role})`);

  await register(page, city, zone, '某经济技术开发区工会');
  await statusSays(page, `已更新县级开发区（园区）工会 某经济技术开发区工会（${zone}）`, 'the page never said the zone was renamed');
  await register(page, county, `${county}-KFQ`, '县下的开发区');
  await statusSays(page, '是县级组织，其下不设工会组织', 'the page never said a county takes no federations below it');

  await page.goto(`${baseUrl}/#/${city}?measure=rates.membership`);
  const row = page.locator(`#ranking tr[data-code="${zone}"]`);
  await poll(async () => (await row.count()) === 1 && (await row.innerText()).includes('某经济技术开发区工会'), {
    timeout: 15000, message: `the city's ranking never listed the zone ${zone} by its new name`,
  });
  check(await row.locator('.kind-mark').innerText() === '开发区', 'the ranking marks the zone as 开发区');
  await poll(async () => (await page.locator('#map-note').innerText()).includes('个下级组织无地图边界，见排名表'), {
    timeout: 10000, message: 'the map never noted that a child has no outline',
  });

  const unit = `${zone}-U1`;
  await call('PUT', `/api/v1/orgs/${zone}/units/${unit}`, adminKey, { name: '园区某企业工会', kind: 'enterprise' });
  page.on('dialog', dialog => dialog.accept());
  await page.goto(`${baseUrl}/keys.html`);
  await poll(() => page.locator('#register').isVisible(), { timeout: 15000, message: 'the admin key was not kept for 密钥管理' });
  const deregister = async () => {
    await page.fill('#parent-query', city);
    await page.fill('#federation-code', zone);
    await page.click('#deregister-federation');
  };
  await deregister();
  await statusSays(page, `“${zone}”下仍有 1 个下级组织、0 个驿站`, 'the page never said what is still below the zone');
  check((await call('GET', `/api/v1/orgs/${zone}`, adminKey)).status === 200, 'the refused zone stays');
  await call('DELETE', `/api/v1/orgs/${zone}/units/${unit}`, adminKey);
  await deregister();
  await statusSays(page, `已注销 ${cityName}（${city}）下的 某经济技术开发区工会（${zone}），其密钥已一并吊销`, 'the page never said the zone was deregistered');
  check((await call('GET', `/api/v1/orgs/${zone}`, adminKey)).status === 404, 'the zone is gone');
  check((await call('GET', '/api/v1/keys/current', zoneSecret)).status === 401, 'the key issued for the zone was revoked with it');
});
