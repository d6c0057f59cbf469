// Scenario: on a deployment without anonymous read, a city leader opens the dashboard at an address naming no org. It asks
// for a key; a mistyped one is asked for again; a reader key opens its city, not the country it may not read. Once an admin revokes that key, the open page, whose live connection
// is closed and refused, says when the key was revoked and whom to ask for a new one, and asks for a key again.
// Usage: node tests/browser/reader-key.mjs <baseUrl> <cityCode> <adminKey>
import { sendOk } from './api.mjs';
import { baseUrlFrom, check, poll, run } from './browser.mjs';
import { hashCode } from './page.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [city, adminKey] = process.argv.slice(3);

const dialogSays = page => poll(async () => (await page.locator('#key-dialog').isVisible()) && (await page.locator('#key-error').isVisible())
  && page.locator('#key-error').textContent(), { timeout: 15000, message: 'the dashboard never asked for a key again' });

async function enter(page, key) {
  await page.fill('#key-input', key);
  await page.click('#key-dialog button[type="submit"]');
}

await run(async launch => {
  const { id, key } = await sendOk(baseUrl, adminKey, 'POST', '/api/v1/keys', { orgCode: city, role: 'reader' });
  const { name } = await sendOk(baseUrl, adminKey, 'GET', `/api/v1/orgs/${city}`);
  const { page } = await launch();

  await page.goto(`${baseUrl}/`);
  await poll(() => page.locator('#key-dialog').isVisible(), { timeout: 15000, message: 'the dashboard never asked for a key' });
  check(!(await page.locator('#key-error').isVisible()), 'the first time it asks, it says nothing was refused');
  await enter(page, 'cov_mistyped');
  const mistyped = await dialogSays(page);
  check(mistyped === '密钥无效，请重新输入。', `a mistyped key is asked for again ("${mistyped}")`);

  await enter(page, key);
  await poll(async () => (await page.locator('#org-name').textContent()).startsWith(name), {
    timeout: 15000, message: `${name} never opened with the reader key`,
  });
  check(hashCode(page) === city && !(await page.locator('#load-error').isVisible()), 'the key\'s own city opened, in the address too');

  await poll(() => page.evaluate(() => document.body.dataset.live === 'true'), { timeout: 15000, message: 'the page never went live' });
  await sendOk(baseUrl, adminKey, 'DELETE', `/api/v1/keys/${id}`);
  const revoked = await dialogSays(page);
  check(revoked.includes(`“${id}”已于北京时间`) && revoked.includes(`请向“${city}”（${name}）或其上级组织的管理员申请新的密钥`),
    `the revoked key is told when and whom to ask ("${revoked}")`);
});
