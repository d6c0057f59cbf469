// Scenario: the real @microsoft/signalr client under Node watches a county, its city and one of its grassroots unions. A
// unit registered, renamed and deregistered under the county is "treeChanged" news to the county's watchers (and, once it
// exists, to the unit's), never to the city's, whose own children did not change. Deregistering the unit also closes the
// connection its own key opened.
// Usage: node tests/browser/hub-tree.mjs <baseUrl> <countyCode> <adminKey>
import * as signalR from '@microsoft/signalr';
import { getJson, sendOk } from './api.mjs';
import { baseUrlFrom, check, fail, passed, poll } from './browser.mjs';
import { hubConnection } from './hub.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [county, adminKey] = process.argv.slice(3);
if (!county || !adminKey) fail('usage: node hub-tree.mjs <baseUrl> <countyCode> <adminKey>');
const unit = `${county}-T1`;

const call = (method, path, body) => sendOk(baseUrl, adminKey, method, path, body);

const news = [];
const told = (code, since) => news.slice(since).some(codes => codes.includes(code));

// Waits for news of every code in `expected` after `step`, then a while longer to be sure none comes for `never`.
async function expectNews(step, expected, never) {
  const since = news.length;
  await step();
  for (const code of expected)
    await poll(() => told(code, since), { timeout: 5000, interval: 20, message: `no treeChanged naming ${code}` });
  await new Promise(resolve => setTimeout(resolve, 600));
  check(!told(never, since), `no treeChanged named ${never} (got ${JSON.stringify(news.slice(since))})`);
  passed(`treeChanged named ${expected.join(' and ')}`);
}

const connection = hubConnection(baseUrl, { key: adminKey, logLevel: signalR.LogLevel.Warning });
connection.on('treeChanged', codes => news.push(codes));
try {
  const { parentCode: city } = await getJson(baseUrl, `/api/v1/orgs/${county}`, adminKey);
  await connection.start();
  await connection.invoke('Subscribe', county);
  await connection.invoke('Subscribe', city);

  await expectNews(() => call('PUT', `/api/v1/orgs/${county}/units/${unit}`, { name: '某快递企业工会', kind: 'enterprise' }), [county], city);
  const listed = await getJson(baseUrl, `/api/v1/orgs/${county}/children`, adminKey);
  check(listed.some(c => c.code === unit), `${unit} is among the county's children when the news arrives`);

  await connection.invoke('Subscribe', unit);
  await expectNews(() => call('PUT', `/api/v1/orgs/${county}/units/${unit}`, { name: '某快递企业联合工会', kind: 'joint' }), [county, unit], city);

  const { key: unitKey } = await call('POST', '/api/v1/keys', { orgCode: unit, role: 'reader' });
  const unitsOwn = hubConnection(baseUrl, { key: unitKey });
  await unitsOwn.start();
  await unitsOwn.invoke('Subscribe', unit);

  await expectNews(() => call('DELETE', `/api/v1/orgs/${county}/units/${unit}`), [county, unit], city);
  await poll(() => unitsOwn.state === signalR.HubConnectionState.Disconnected, {
    timeout: 5000, interval: 20, message: 'the connection opened with the deregistered unit\'s key stayed open',
  });
  passed('the connection opened with the deregistered unit\'s key was closed');
  const after = await getJson(baseUrl, `/api/v1/orgs/${county}/children`, adminKey);
  check(!after.some(c => c.code === unit), `${unit} is no longer among the county's children`);
  await connection.stop();
  console.log('PASS');
} catch (error) {
  console.error(`FAIL: ${error.message}`);
  process.exit(1);
}
