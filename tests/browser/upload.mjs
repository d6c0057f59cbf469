// Scenario: a county union uploads its filled sheet on 上报记录: a sheet with a mistake is refused and each cell to fix is
// named by line and column, and told in Chinese; the corrected sheet, saved in GBK as Chinese Excel does, is applied and
// listed at once. Its list of grassroots unions goes the same way: a unit added to the sheet is registered, and the list
// downloaded again holds it.
// Its stations too: a station registered from a sheet is listed on the visits sheet downloaded, and today's cell filled in is reported.
// Last, its grassroots unions' targets: the unit registered is on the targets sheet, and its filled row sets them.
// Usage: node tests/browser/upload.mjs <baseUrl> <countyCode> <adminKey>
import { readFileSync } from 'node:fs';
import { baseUrlFrom, check, poll, run } from './browser.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [county, adminKey] = process.argv.slice(3);

// 兴宁区 in GBK: bytes that are not UTF-8, in the 名称 column the import does not read.
const GBK_NAME = Buffer.from([0xd0, 0xcb, 0xc4, 0xfe, 0xc7, 0xf8]);
const chinaNow = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');

await run(async launch => {
  const created = await fetch(`${baseUrl}/api/v1/keys`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ orgCode: county, role: 'writer' }),
  });
  const { key } = await created.json();
  const { page } = await launch();
  await page.addInitScript(value => sessionStorage.setItem('coverage.accessKey', value), key);
  await page.goto(`${baseUrl}/accepted.html`);
  await poll(() => page.locator('#upload').isVisible(), { timeout: 15000, message: 'the upload button never appeared for a writer key' });

  const result = page.locator('#upload-result');
  const header = '代码,截至时间,职工人数,会员人数,实名认证会员,应建会单位数,已建会单位数\n';
  await page.locator('#sheet-file').setInputFiles({
    name: '兴宁区填报表.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}${county},${chinaNow()},300,310,100,10,5\n`),
  });
  await poll(async () => (await result.innerText()).includes('未导入'), { timeout: 10000, message: 'the faulty sheet was never refused' });
  const refusal = await result.innerText();
  check(refusal.includes('第 2 行 会员人数：（310）不能超过职工人数（300）'), `the refusal names line 2's 会员人数 in Chinese ("${refusal}")`);

  // The API's own 503 is tested with the database taken away; here only how the page tells one, as the app's database stays up.
  await page.route('**/api/v1/figures:import', route => route.fulfill({
    status: 503, contentType: 'application/problem+json', body: JSON.stringify({ status: 503, detail: 'The database is unavailable.' }),
  }));
  await page.locator('#sheet-file').setInputFiles({ name: '停机.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}${county},${chinaNow()},1,1,1,1,1\n`) });
  await poll(async () => (await result.innerText()).includes('停机.csv 未导入'), { timeout: 10000, message: 'the refused sheet was never told' });
  check((await result.innerText()).includes('数据库暂时不可用'), `a 503 is told in the page's words ("${await result.innerText()}")`);
  await page.unroute('**/api/v1/figures:import');

  const sheet = Buffer.concat([
    Buffer.from(`code,name,asOf,employees,members,verifiedMembers,unitsRequired,unitsUnionized\n${county},`), GBK_NAME,
    Buffer.from(`,${chinaNow()},1000,800,600,10,5\n`),
  ]);
  await page.locator('#sheet-file').setInputFiles({ name: 'gbk.csv', mimeType: 'text/csv', buffer: sheet });
  await poll(async () => (await result.innerText()).includes('已导入'), { timeout: 10000, message: 'the corrected GBK sheet was never applied' });
  check((await result.innerText()).includes('1 个组织的数据已接收'), `the page says one org was applied ("${await result.innerText()}")`);
  const own = (await (await fetch(`${baseUrl}/api/v1/orgs/${county}`, { headers: { Authorization: `Bearer ${key}` } })).json()).own;
  check(own?.members === 800, `the county's own members are now 800 (${own?.members})`);
  await poll(async () => (await page.locator('#entries tbody').innerText()).includes('表格导入数据'), {
    timeout: 10000, message: 'the import was not listed among the entries accepted today',
  });

  check(await page.locator('#upload-units').isVisible(), 'a county key is offered its list of grassroots unions');
  await page.locator('#units-file').setInputFiles({
    name: '名册.csv', mimeType: 'text/csv', buffer: Buffer.from('代码,名称,类型\nUP-U1,兴宁区网约车司机联合工会,联合基层工会\n'),
  });
  await poll(async () => (await result.innerText()).includes('新登记 1 个'), { timeout: 10000, message: 'the units sheet was never applied' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-units')]);
  const units = readFileSync(await download.path(), 'utf8');
  check(units.startsWith('\uFEFF代码,名称,类型') && units.includes('UP-U1,兴宁区网约车司机联合工会,联合基层工会'),
    `the downloaded list holds the unit registered (${download.suggestedFilename()})`);

  check(await page.locator('#upload-stations').isVisible(), 'a county key is offered its stations\' sheets');
  await page.locator('#stations-file').setInputFiles({
    name: '驿站名册.csv', mimeType: 'text/csv',
    buffer: Buffer.from(`编号,名称,所属组织代码,纬度,经度,24小时开放,智能站点,服务设施\nup-s1,兴宁区人民路驿站,${county},22.82,108.37,否,否,饮水、充电\n`),
  });
  await poll(async () => (await result.innerText()).includes('新登记 1 个'), { timeout: 10000, message: 'the stations sheet was never applied' });
  let usage = '';
  await poll(async () => {
    const [sheet] = await Promise.all([page.waitForEvent('download'), page.click('#download-usage')]);
    usage = readFileSync(await sheet.path(), 'utf8').replace(/^\uFEFF/, '');
    return usage.includes('up-s1,兴宁区人民路驿站');
  }, { timeout: 10000, message: 'the downloaded visits sheet never listed the station registered' });
  const [head, ...rows] = usage.trim().split('\r\n');
  const today = head.split(',').at(-1);
  // The station's last four days filled in, today last: 10, 11, 12 and 46 visits.
  const lastFour = row => `${row.split(',').slice(0, -4).join(',')},10,11,12,46`;
  const filled = [head, ...rows.map(row => (row.startsWith('up-s1,') ? lastFour(row) : row))].join('\r\n');
  await page.locator('#usage-file').setInputFiles({ name: '驿站服务人次.csv', mimeType: 'text/csv', buffer: Buffer.from(filled) });
  await poll(async () => (await result.innerText()).includes('的服务人次已接收'), { timeout: 10000, message: 'the visits sheet was never applied' });
  const stations = await (await fetch(`${baseUrl}/api/v1/orgs/${county}/stations`, { headers: { Authorization: `Bearer ${key}` } })).json();
  const station = stations.items.find(s => s.id === 'up-s1');
  check(station?.visits.today === 46, `the station's visits today (${today}) are now 46 (${station?.visits.today})`);
  await poll(async () => (await page.locator('#entries tbody').innerText()).includes('表格导入驿站服务人次'), {
    timeout: 10000, message: 'the visits import was not listed among the entries accepted today',
  });
  const entries = await page.locator('#entries tbody').innerText();
  check(entries.includes(`至 ${today} 共 4 天 79 人次`), `the import's entry sums its four days (${entries.split('\n').find(l => l.includes('up-s1'))})`);

  // The county sets its grassroots unions' targets: the sheet lists the unit registered above, filled with a rate as a percentage.
  check(await page.locator('#upload-targets').isVisible(), 'a county key is offered its children\'s targets sheet');
  const [targetsSheet] = await Promise.all([page.waitForEvent('download'), page.click('#download-targets')]);
  const [targetsHead, ...targetRows] = readFileSync(await targetsSheet.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  check(targetsHead.startsWith('代码,名称,年度,当前会员人数,当前入会率,新增会员') && targetRows.some(row => row.startsWith('UP-U1,')),
    `the targets sheet lists the unit registered (${targetRows.length} rows)`);
  const withTargets = row => row.split(',').map((cell, i) => ({ 5: '200', 9: '90%' })[i] ?? cell).join(',');
  await page.locator('#targets-file').setInputFiles({
    name: '年度目标.csv', mimeType: 'text/csv',
    buffer: Buffer.from([targetsHead, ...targetRows.map(row => (row.startsWith('UP-U1,') ? withTargets(row) : row))].join('\r\n')),
  });
  await poll(async () => (await result.innerText()).includes('已设定 1 个组织的年度目标'), { timeout: 10000, message: 'the targets sheet was never applied' });
  const unit = await (await fetch(`${baseUrl}/api/v1/orgs/UP-U1`, { headers: { Authorization: `Bearer ${key}` } })).json();
  check(unit.attainment?.measures.newMembers?.target === 200 && unit.attainment?.measures.membership?.target === 0.9,
    `the unit is held to its targets (${JSON.stringify(unit.attainment?.measures)})`);
  await poll(async () => (await page.locator('#entries tbody').innerText()).includes('表格导入年度目标'), {
    timeout: 10000, message: 'the targets import was not listed among the entries accepted today',
  });
  const targetsEntry = (await page.locator('#entries tbody').innerText()).split('\n').find(line => line.includes('表格导入年度目标'));
  check(targetsEntry.includes('新增会员 200、入会率 90.0%'), `the targets import's entry names each target (${targetsEntry})`);
  // Next year's sheet, chosen before downloading, holds next year in every row and none of this year's targets.
  const next = await page.locator('#targets-year option').nth(1).getAttribute('value');
  await page.selectOption('#targets-year', next);
  const [nextSheet] = await Promise.all([page.waitForEvent('download'), page.click('#download-targets')]);
  const nextRows = readFileSync(await nextSheet.path(), 'utf8').trim().split('\r\n').slice(1);
  check(nextRows.length > 0 && nextRows.every(row => row.split(',')[2] === next) && nextRows.find(row => row.startsWith('UP-U1,'))?.split(',')[5] === '',
    `next year's sheet (${nextSheet.suggestedFilename()}) is for ${next} and blank`);
});
