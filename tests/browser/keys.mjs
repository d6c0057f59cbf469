// Scenario: a national admin opens 密钥管理 from 上报记录, finds a county by part of its name, picks it among the matches,
// issues it a writer key whose secret is shown once and works, then revokes it, the list saying when it was last used; a
// writer key is told it needs an admin key.
// Usage: node tests/browser/keys.mjs <baseUrl> <countyCode> <adminKey>
import { baseUrlFrom, check, poll, run } from './browser.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [county, adminKey] = process.argv.slice(3);

async function call(method, path, key, body) {
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body && JSON.stringify(body),
  });
}

const submitKey = async (page, key) => {
  await page.fill('#key-input', key);
  await page.click('#key-form button[type="submit"]');
};

await run(async launch => {
  const writer = (await (await call('POST', '/api/v1/keys', adminKey, { orgCode: county, role: 'writer' })).json()).key;
  const { name } = await (await call('GET', `/api/v1/orgs/${county}`, adminKey)).json();
  const part = name.slice(0, 2);
  const matches = (await (await call('GET', `/api/v1/orgs?${new URLSearchParams({ q: part, limit: 20 })}`, adminKey)).json()).total;
  const { page } = await launch();
  page.on('dialog', dialog => dialog.accept());

  await page.goto(`${baseUrl}/accepted.html`);
  await page.click('a[href="keys.html"]');
  await page.waitForURL(/keys\.html$/);
  await submitKey(page, writer);
  await poll(async () => (await page.locator('#key-error').isVisible()) && (await page.locator('#key-error').innerText()).includes('需要管理密钥'), {
    timeout: 15000, message: 'a writer key was never told it needs an admin key',
  });

  await submitKey(page, adminKey);
  await poll(async () => (await page.locator('#key-owner').isVisible()) && (await page.locator('#key-owner-text').innerText()).endsWith('管理密钥'), {
    timeout: 15000, message: 'the admin key was never shown as whose it is',
  });
  check(await page.locator('#keys tbody tr').count() >= 1, 'the keys already issued are listed');

  await page.fill('#org-query', part);
  await page.click('#issue-form button[type="submit"]');
  if (matches > 1) {
    await poll(() => page.locator('#org-choice').isVisible(), { timeout: 5000, message: `${matches} orgs match ${part}, but no choice was offered` });
    check((await page.locator('#issue-status').innerText()).includes(`对应 ${matches} 个组织`), `the page says ${matches} orgs match ${part}`);
    const option = await page.locator('#org-choice option', { hasText: `（${county} ·` }).getAttribute('value');
    await page.selectOption('#org-choice', option);
    await page.click('#issue-form button[type="submit"]');
  }
  await poll(() => page.locator('#secret').isVisible(), { timeout: 10000, message: 'no secret was shown after issuing' });
  const secret = await page.locator('#secret-value').innerText();
  const current = await (await call('GET', '/api/v1/keys/current', secret)).json();
  check(current.orgCode === county && current.role === 'writer', `the secret shown is a writer key of ${name} (${current.orgCode}, ${current.role})`);
  check((await page.locator('#secret-org').innerText()) === `${name}（${county}）`, `the page says to hand it to ${name}`);
  await page.click('#copy-secret');
  const copied = await poll(async () => {
    const text = await page.locator('#copy-secret').innerText();
    return text !== '复制' && text;
  }, { timeout: 5000, message: '复制 never said whether it copied the secret' });
  const selected = await page.evaluate(() => getSelection().toString());
  check(copied === '已复制' || (copied.startsWith('已选中') && selected === secret), `复制 copies the secret or selects it for Ctrl+C ("${copied}")`);
  const row = page.locator(`#keys tr[data-id="${current.id}"]`);
  await poll(async () => (await row.count()) === 1 && (await row.innerText()).includes(name) && (await row.innerText()).includes('写入'), {
    timeout: 10000, message: `the new key ${current.id} was never listed with ${name} and 写入`,
  });

  await row.locator('button[data-revoke]').click();
  await poll(async () => (await row.count()) === 0, { timeout: 10000, message: `the revoked key ${current.id} stayed in the list of live keys` });
  check((await call('GET', '/api/v1/keys/current', secret)).status === 401, 'the revoked secret is refused');
  await page.check('#show-revoked');
  await poll(async () => (await row.count()) === 1 && (await row.innerText()).includes('已吊销'), {
    timeout: 10000, message: `the revoked key ${current.id} was not listed as 已吊销 with revoked keys shown`,
  });
  const lastUsed = await row.locator('td[data-label="最近使用"]').innerText();
  check(/^\d{4}/.test(lastUsed), `the key shows when it was last used, as its holder used it once ("${lastUsed}")`);
});
