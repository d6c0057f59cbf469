// Scenario: the real @microsoft/signalr client under Node opens hub connections past the limits the server was started
// with (2 per client, 4 in all). The third from one address is refused with the reason, a key's connections count apart
// from its address's, a client refused because the server is full is told so, and a place a closed connection frees is
// taken again. Without WebSockets (server-sent events, long polling) a client's two connections also start and call the hub.
// Usage: node tests/browser/hub-connections.mjs <baseUrl> <adminKey>
import { baseUrlFrom, check, fail, passed, poll } from './browser.mjs';
import { HttpTransportType, hubConnection } from './hub.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [adminKey] = process.argv.slice(3);
if (!adminKey) fail('usage: node hub-connections.mjs <baseUrl> <adminKey>');

async function started(key, transport) {
  const connection = hubConnection(baseUrl, { key, transport });
  await connection.start();
  return connection;
}

// A stopped connection's place is freed once the server has seen its request end, a moment after the client stops it.
async function startedOnceFreed(key, transport, message) {
  let connection;
  await poll(async () => {
    try {
      connection = await started(key, transport);
      return true;
    } catch {
      return false;
    }
  }, { timeout: 5000, interval: 50, message });
  return connection;
}

async function refusedStart(key) {
  const connection = hubConnection(baseUrl, { key });
  try {
    await connection.start();
  } catch (error) {
    return error.message;
  }
  await connection.stop();
  return fail(`a connection ${key ? 'with a key' : 'without a key'} was accepted past the limit`);
}

// What the server answers a negotiation now, as the problem a client sees.
async function negotiation(key) {
  const response = await fetch(`${baseUrl}/hubs/coverage/negotiate?negotiateVersion=1`, {
    method: 'POST',
    headers: key ? { Authorization: `Bearer ${key}` } : {},
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), problem: await response.json() };
}

try {
  const anonymous = [await started(), await started()];
  passed('two connections without a key are taken');
  const third = await refusedStart();
  check(third.includes('429'), `the third from the same address is refused (${third})`);
  const perClient = await negotiation();
  check(perClient.status === 429 && perClient.retryAfter && perClient.problem.type === 'https://tools.ietf.org/html/rfc6585#section-4' &&
    perClient.problem.detail.includes('This address, without an API key, holds 2 live connections'),
    `its negotiation says why and when to retry (${perClient.retryAfter} s: ${perClient.problem.detail})`);

  const keyed = [await started(adminKey), await started(adminKey)];
  passed('a key opens two more from the same address: it is counted apart');
  const created = await fetch(`${baseUrl}/api/v1/keys`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ orgCode: '000000', role: 'reader' }),
  });
  const reader = await created.json();
  const full = await negotiation(reader.key);
  check(full.status === 429 && full.problem.detail.includes('The server holds the most live connections it takes (4)'),
    `a fresh key is refused while the server holds four (${full.problem.detail})`);

  await anonymous[0].stop();
  const again = await startedOnceFreed(undefined, undefined, 'no connection was taken after one closed');
  passed('after one closes, the address connects again');
  await Promise.all([again, anonymous[1], ...keyed].map(connection => connection.stop()));

  // Without WebSockets a connection is a long-lived request beside short ones (its handshake and every call are posts):
  // only the long-lived one holds a place, so a client may still open two and call the hub on both.
  for (const transport of [HttpTransportType.ServerSentEvents, HttpTransportType.LongPolling]) {
    const message = `no connection over ${HttpTransportType[transport]} was taken`;
    const pair = [await startedOnceFreed(reader.key, transport, message), await startedOnceFreed(reader.key, transport, message)];
    await Promise.all(pair.map(connection => connection.invoke('Subscribe', '450000')));
    passed(`two connections over ${HttpTransportType[transport]} start and call the hub`);
    await Promise.all(pair.map(connection => connection.stop()));
  }
  console.log('PASS');
} catch (error) {
  console.error(`FAIL: ${error.message}`);
  process.exit(1);
}
