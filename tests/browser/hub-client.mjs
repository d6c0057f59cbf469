// Scenario: the real @microsoft/signalr client under Node subscribes to a province, sees a county's PUT arrive as
// orgsUpdated with the province's new totals and its target attainment, and does the same again on a new connection after a
// reconnect.
// Usage: node tests/browser/hub-client.mjs <baseUrl> <countyCode> <adminKey>
//   countyCode: a county-level org (e.g. 450102); the scenario subscribes to the province above it.
//   adminKey: a key the API accepts for PUT /api/v1/orgs/{code}/figures; also used as the hub's access token.
import * as signalR from '@microsoft/signalr';
import { addMembers, getJson, provinceOf, putTargets } from './api.mjs';
import { baseUrlFrom, check, fail, passed, poll } from './browser.mjs';
import { hubConnection } from './hub.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [countyCode, adminKey] = process.argv.slice(3);
if (!countyCode || !adminKey) fail('usage: node hub-client.mjs <baseUrl> <countyCode> <adminKey>');

const EXTRA = 200000;

function connect(received) {
  const connection = hubConnection(baseUrl, { key: adminKey, logLevel: signalR.LogLevel.Warning });
  connection.on('orgsUpdated', summaries => {
    received.push(...summaries);
  });
  return connection;
}

// One round: PUT a jump for the county, then wait for the province's summary carrying it.
async function round(name, connection, received, province, info) {
  const before = (await getJson(baseUrl, `/api/v1/orgs/${province.code}`, adminKey)).totals.members;
  received.length = 0;
  const { acknowledgedAt } = await addMembers(baseUrl, countyCode, adminKey, EXTRA);
  const expected = (await getJson(baseUrl, `/api/v1/orgs/${province.code}`, adminKey)).totals.members;
  const summary = await poll(() => received.find(s => s.code === province.code
    && (info.demo ? s.totals.members - before >= EXTRA * 0.9 : s.totals.members === expected)), {
    timeout: 5000, interval: 20, message: `${name}: no orgsUpdated for ${province.code} with members ≈ ${expected}`,
  });
  passed(`${name}: orgsUpdated for ${province.name} with members ${summary.totals.members} (was ${before}) ${Date.now() - acknowledgedAt} ms after the PUT`);
  check(typeof summary.version === 'number' && summary.rates && 'membership' in summary.rates, `${name}: the message is an OrgSummary (version ${summary.version}, rates)`);
  const members = summary.attainment?.measures?.members;
  check(members?.label === '会员人数' && members.actual === summary.totals.members && summary.attainment.behind === true,
    `${name}: the message carries the province's attainment (${JSON.stringify(summary.attainment)})`);
  check(connection.state === signalR.HubConnectionState.Connected, `${name}: connection still connected`);
}

try {
  const info = await getJson(baseUrl, '/api/v1/info');
  const province = await provinceOf(baseUrl, countyCode, adminKey);
  const received = [];
  await putTargets(baseUrl, province.code, adminKey, { members: 1e12 });

  const first = connect(received);
  await first.start();
  await first.invoke('Subscribe', province.code);
  passed(`connected to /hubs/coverage and subscribed to ${province.code}`);
  await round('first connection', first, received, province, info);

  await first.stop();
  check(first.state === signalR.HubConnectionState.Disconnected, 'connection stopped');
  received.length = 0;
  await first.start();
  await first.invoke('Subscribe', province.code);
  passed(`restarted the connection and subscribed to ${province.code} again`);
  await round('after reconnect', first, received, province, info);

  const second = connect(received);
  await first.stop();
  await second.start();
  await second.invoke('Subscribe', province.code);
  passed('a new connection subscribed after the old one stopped');
  await round('new connection', second, received, province, info);
  await second.stop();
  console.log('PASS');
} catch (error) {
  console.error(`FAIL: ${error.message}`);
  // Open connections would keep Node running until the test's timeout.
  process.exit(1);
}
