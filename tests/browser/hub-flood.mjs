// Scenario: the real @microsoft/signalr client under Node sends the hub 200 calls at once. Those past the per-connection
// limit are refused with its reason, the connection stays open, and a second later a call is accepted again. A client
// that goes on calling past the limit, 2,000 calls at once, has its connection closed by the server.
// Usage: node tests/browser/hub-flood.mjs <baseUrl> <orgCode> [callsPerSecond, the server's limit: 10 unless set]
import * as signalR from '@microsoft/signalr';
import { baseUrlFrom, check, fail, passed } from './browser.mjs';
import { hubConnection } from './hub.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [orgCode, callsPerSecond = '10'] = process.argv.slice(3);
if (!orgCode) fail('usage: node hub-flood.mjs <baseUrl> <orgCode>');

const connection = hubConnection(baseUrl);

try {
  await connection.start();
  const calls = Array.from({ length: 200 }, () => connection.invoke('Subscribe', orgCode).then(() => null, error => error.message));
  const refusals = (await Promise.all(calls)).filter(message => message !== null);
  check(refusals.length > 0 && refusals.length < 200, `${200 - refusals.length} of 200 calls at once were taken and ${refusals.length} refused`);
  check(refusals.every(message => message.includes(`Too many hub calls: at most ${callsPerSecond} a second`)), `each refusal gives its reason (${refusals[0]})`);
  check(connection.state === signalR.HubConnectionState.Connected, 'the connection stays open');
  await new Promise(resolve => setTimeout(resolve, 1_500));
  await connection.invoke('Unsubscribe', orgCode);
  passed('a second later a call is taken again');
  const closed = new Promise(resolve => connection.onclose(resolve));
  await Promise.all(Array.from({ length: 2_000 }, () => connection.invoke('Subscribe', orgCode).catch(() => null)));
  await Promise.race([closed, new Promise((_, reject) => setTimeout(() => reject(new Error('the flooding connection was not closed')), 10_000))]);
  passed('a connection that goes on calling past the limit is closed by the server');
  console.log('PASS');
} catch (error) {
  console.error(`FAIL: ${error.message}`);
  process.exit(1);
}
