// Scenario: the real @microsoft/signalr client under Node asks the hub for orgs it cannot have (null, a number, a code
// no org has, one org more than a connection may watch) and gets each refusal's reason, on a connection that stays
// open and then subscribes to a real org.
// Usage: node tests/browser/hub-refusals.mjs <baseUrl> <orgCode>
import * as signalR from '@microsoft/signalr';
import { baseUrlFrom, check, fail, passed } from './browser.mjs';
import { hubConnection } from './hub.mjs';

const baseUrl = baseUrlFrom(process.argv);
const [orgCode] = process.argv.slice(3);
if (!orgCode) fail('usage: node hub-refusals.mjs <baseUrl> <orgCode>');

const connection = hubConnection(baseUrl);

async function refusal(code) {
  try {
    await connection.invoke('Subscribe', code);
  } catch (error) {
    return error.message;
  }
  return fail(`Subscribe(${JSON.stringify(code)}) was accepted`);
}

try {
  await connection.start();
  for (const code of [null, 'nosuchorg']) {
    const message = await refusal(code);
    check(message.includes('No union organisation has code'), `Subscribe(${JSON.stringify(code)}) is refused with its reason (${message})`);
  }
  const number = await refusal(123);
  passed(`Subscribe(123) is refused (${number})`);
  check(connection.state === signalR.HubConnectionState.Connected, 'the connection stays open after the refusals');
  await connection.invoke('Subscribe', orgCode);
  passed(`then subscribed to ${orgCode}`);
  const response = await fetch(`${baseUrl}/api/v1/orgs/000000/descendants?level=county&limit=60`);
  const counties = (await response.json()).items.map(org => org.code).filter(code => code !== orgCode);
  for (const code of counties.slice(0, 49)) await connection.invoke('Subscribe', code);
  const tooMany = await refusal(counties[49]);
  check(tooMany.includes('at most 50 orgs'), `the 51st org is refused with its reason (${tooMany})`);
  await connection.invoke('Unsubscribe', counties[0]);
  await connection.invoke('Subscribe', counties[49]);
  passed('after leaving one org the connection may watch another');
  await connection.stop();
  console.log('PASS');
} catch (error) {
  console.error(`FAIL: ${error.message}`);
  process.exit(1);
}
