// Scenario: a county union opens 上报记录 from the dashboard and sees what the API accepted from its writes that day, with
// org names and whose key it is, downloads its sheet to fill in, narrows the list by action and by day and downloads the
// day's list of that action; a read-only key is told it needs a writer key.
// Usage: node tests/browser/accepted.mjs <baseUrl> <countyCode> <adminKey>
import { readFileSync } from 'node:fs';
import { addMembers } from './api.mjs';
import { baseUrlFrom, check, poll, run } from './browser.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [county, adminKey] = process.argv.slice(3);
const unitName = '兴宁区测试外卖送餐员联合工会';

async function send(method, path, key, body) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} → HTTP ${response.status}: ${await response.text()}`);
  return response.json();
}

const keyFor = async role => (await send('POST', '/api/v1/keys', adminKey, { orgCode: county, role })).key;
const rowTexts = page => page.locator('#entries tbody tr').allInnerTexts();

await run(async launch => {
  const [writer, reader] = [await keyFor('writer'), await keyFor('reader')];
  await addMembers(baseUrl, county, writer, 7);
  await send('PUT', `/api/v1/orgs/${county}/units/ACC-UNIT-1`, writer, { name: unitName, kind: 'joint' });
  const { page } = await launch();
  await page.goto(`${baseUrl}/`);

  await page.getByRole('link', { name: '上报记录' }).click();
  await page.getByLabel('写入密钥').fill(reader);
  await page.getByRole('button', { name: '查看记录' }).click();
  const refusal = await poll(async () => (await page.locator('#key-error').isVisible()) && page.locator('#key-error').textContent(),
    { timeout: 15000, message: 'a read-only key was never told it cannot see the log' });
  check(refusal.includes('写入或管理密钥'), `a read-only key is told what key it needs ("${refusal}")`);

  await page.getByLabel('写入密钥').fill(writer);
  await page.getByRole('button', { name: '查看记录' }).click();
  const rows = await poll(async () => {
    const texts = await rowTexts(page);
    return texts.some(t => t.includes('上报数据') && t.includes('兴宁区') && t.includes('会员')) && texts;
  }, { timeout: 15000, message: 'the figures just written never showed with the county\'s name' });
  check(rows.some(t => t.includes('登记基层工会') && t.includes(unitName) && t.includes('（联合基层工会）')),
    `the unit registered shows with its name and kind (${rows.length} entries today)`);
  const owner = await poll(async () => {
    const text = await page.locator('#key-owner-text').textContent();
    return text.includes('兴宁区') && text;
  }, { timeout: 15000, message: 'the page never said whose key it is' });
  check(owner.includes('写入密钥'), `the page says whose key it is ("${owner}")`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载填报表' }).click()]);
  const sheet = readFileSync(await download.path(), 'utf8');
  check(sheet.startsWith('\uFEFF代码,名称,截至时间') && sheet.includes(unitName),
    `the county's sheet to fill in downloads with its units (${download.suggestedFilename()})`);

  await page.getByLabel('操作').selectOption({ label: '登记基层工会' });
  const units = await poll(async () => {
    const texts = await rowTexts(page);
    return texts.length > 0 && texts.every(t => t.includes('登记基层工会')) && texts;
  }, { timeout: 15000, message: 'choosing an action never narrowed the list to it' });
  check(units.length === 1, `the list narrows to the one unit registration (${units.length})`);
  // Held back a moment, as a busy day's list is, so the button is seen saying it is on its way.
  await page.route('**/api/v1/audit.csv*', async route => {
    await new Promise(resolve => setTimeout(resolve, 1500));
    await route.continue();
  });
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载当天记录' }).click();
  const busy = await poll(async () => {
    const button = page.locator('#download-day');
    return (await button.isDisabled()) && (await button.textContent()) === '下载中…';
  }, { timeout: 5000, message: 'the button never said the day\'s list was on its way' });
  check(busy, 'the button says 下载中… while the day\'s list comes');
  const day = await downloading;
  const lines = readFileSync(await day.path(), 'utf8').trimEnd().split('\r\n');
  check(lines[0].startsWith('\uFEFF编号,接收时间,操作') && lines.length === 2 && lines[1].includes(unitName) && lines[1].includes('登记基层工会'),
    `the day's list of that action downloads as a sheet (${day.suggestedFilename()}: ${lines.length - 1} rows)`);
  await poll(async () => !(await page.locator('#download-day').isDisabled()) && (await page.locator('#download-day').textContent()) === '下载当天记录',
    { timeout: 5000, message: 'the button never came back once the list was saved' });

  await page.getByLabel('日期（北京时间）').fill('2025-01-01');
  await poll(async () => (await page.locator('#summary').textContent()).includes('没有已接收的上报'),
    { timeout: 15000, message: 'a day without writes never said so' });
  check(!(await page.locator('#entries').isVisible()), 'a day without writes shows no table');
});
