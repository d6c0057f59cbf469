// Scenario: a hub connection opened with a reader key is closed when an admin revokes that key, and the real
// @microsoft/signalr client cannot connect with it again.
// Usage: node tests/browser/hub-revoked.mjs <baseUrl> <orgCode> <adminKey>
import * as signalR from '@microsoft/signalr';
import { baseUrlFrom, check, fail, passed, poll } from './browser.mjs';
import { hubConnection } from './hub.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [orgCode, adminKey] = process.argv.slice(3);
if (!orgCode || !adminKey) fail('usage: node hub-revoked.mjs <baseUrl> <orgCode> <adminKey>');

async function send(method, path, body) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${adminKey}`, 'Content-Type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} → HTTP ${response.status}: ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

function connect(key) {
  return hubConnection(baseUrl, { key });
}

try {
  const reader = await send('POST', '/api/v1/keys', { orgCode, role: 'reader' });
  const connection = connect(reader.key);
  let closed = false;
  connection.onclose(() => { closed = true; });
  await connection.start();
  await connection.invoke('Subscribe', orgCode);
  passed(`connected with reader key ${reader.id} and subscribed to ${orgCode}`);

  const revokedAt = Date.now();
  await send('DELETE', `/api/v1/keys/${reader.id}`);
  await poll(() => closed, { timeout: 5000, interval: 20, message: 'the connection stayed open after its key was revoked' });
  passed(`the connection closed ${Date.now() - revokedAt} ms after the key was revoked`);
  check(connection.state === signalR.HubConnectionState.Disconnected, 'the client reports itself disconnected');

  let refused = null;
  try {
    await connect(reader.key).start();
  } catch (error) {
    refused = error;
  }
  check(refused && /401|Unauthorized/.test(String(refused.message ?? refused)), `a new connection with the revoked key is refused (${refused?.message})`);
  console.log('PASS');
} catch (error) {
  console.error(`FAIL: ${error.message}`);
  process.exit(1);
}
