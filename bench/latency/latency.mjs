// Push latency under load, measured with the real @microsoft/signalr client.
// usage: node latency.mjs <baseUrl> <adminKey> [clients=200] [updatesPerSecond=1000] [seconds=30]
// Load: PUTs spread over every county. Probe: one county in the probe province carries a marker (securityGuard members)
// that no load write touches, so the province total of that group changes only when the probe writes; every client
// subscribed to the probe province times the gap between the probe PUT's acknowledgement and the update's arrival.
import * as signalR from '@microsoft/signalr';

const [baseUrl, adminKey, clientsArg = '200', rateArg = '1000', secondsArg = '30'] = process.argv.slice(2);
if (!baseUrl || !adminKey) {
  console.error('usage: node latency.mjs <baseUrl> <adminKey> [clients] [updatesPerSecond] [seconds]');
  process.exit(2);
}
const clients = Number(clientsArg);
const rate = Number(rateArg);
const seconds = Number(secondsArg);
const probeProvince = '450000';
const headers = { Authorization: `Bearer ${adminKey}`, 'Content-Type': 'application/json' };

const getJson = async path => {
  const response = await fetch(`${baseUrl}${path}`, { headers });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return response.json();
};

async function counties() {
  const provinces = await getJson('/api/v1/orgs/000000/children');
  const all = [];
  for (const province of provinces) {
    for (const city of await getJson(`/api/v1/orgs/${province.code}/children`)) {
      for (const county of await getJson(`/api/v1/orgs/${city.code}/children`)) all.push({ code: county.code, province: province.code });
    }
  }
  return { provinces: provinces.map(p => p.code), counties: all };
}

let asOfTick = Date.now();
const figures = (members, marker) => ({
  asOf: new Date(asOfTick++).toISOString(),
  employees: 200000, members, verifiedMembers: Math.floor(members / 2), unitsRequired: 1000, unitsUnionized: 800,
  newEmployment: marker === undefined
    ? { courier: { workers: 5000, members: 1000 + (members % 1000) } }
    : { courier: { workers: 5000, members: 1000 }, securityGuard: { workers: 1_000_000, members: marker } },
});

const put = (code, body) => fetch(`${baseUrl}/api/v1/orgs/${code}/figures`, { method: 'PUT', headers, body: JSON.stringify(body) });

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main() {
  const { provinces, counties: all } = await counties();
  const probeCounty = all.find(c => c.province === probeProvince).code;
  const load = all.filter(c => c.code !== probeCounty);
  await put(probeCounty, figures(100000, 0));

  const acked = new Map();
  const samples = [];
  const connections = [];
  for (let i = 0; i < clients; i++) {
    const province = i % 10 === 0 ? probeProvince : provinces[i % provinces.length];
    const connection = new signalR.HubConnectionBuilder()
      .withUrl(`${baseUrl}/hubs/coverage`, { accessTokenFactory: () => adminKey })
      .configureLogging(signalR.LogLevel.Error)
      .build();
    let seen = 0;
    connection.on('orgsUpdated', summaries => {
      const now = performance.now();
      const summary = summaries.find(s => s.code === probeProvince);
      const marker = summary?.totals.newEmployment.securityGuard?.members ?? 0;
      for (let m = seen + 1; m <= marker; m++) if (acked.has(m)) samples.push(now - acked.get(m));
      seen = Math.max(seen, marker);
    });
    await connection.start();
    await connection.invoke('Subscribe', province);
    connections.push(connection);
  }
  console.log(`${clients} clients connected (${connections.length / 10} on the probe province ${probeProvince}); load ${rate}/s for ${seconds} s`);

  let sent = 0, failed = 0, inFlight = 0, marker = 0;
  const failures = {};
  const started = performance.now();
  const loadTimer = setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * rate) - sent;
    for (let i = 0; i < due && inFlight < 256; i++) {
      sent++;
      inFlight++;
      const county = load[Math.floor(Math.random() * load.length)];
      put(county.code, figures(100000 + Math.floor(Math.random() * 50000)))
        .then(r => { if (!r.ok) { failed++; failures[r.status] = (failures[r.status] ?? 0) + 1; } return r.arrayBuffer(); })
        .catch(() => failed++)
        .finally(() => inFlight--);
    }
  }, 5);
  const probeTimer = setInterval(async () => {
    const next = ++marker;
    const response = await put(probeCounty, figures(100000, next));
    if (response.ok) acked.set(next, performance.now());
    await response.arrayBuffer();
  }, 200);

  await new Promise(resolve => setTimeout(resolve, seconds * 1000));
  clearInterval(loadTimer);
  clearInterval(probeTimer);
  const elapsed = (performance.now() - started) / 1000;
  await new Promise(resolve => setTimeout(resolve, 1000));
  await Promise.all(connections.map(c => c.stop()));

  samples.sort((a, b) => a - b);
  const result = {
    clients, probeClients: connections.length / 10, targetRate: rate, achievedRate: Math.round((sent - failed) / elapsed),
    failedWrites: failed, failuresByStatus: failures, probes: acked.size, samples: samples.length,
    p50ms: Math.round(percentile(samples, 50)), p99ms: Math.round(percentile(samples, 99)), maxms: Math.round(samples.at(-1)),
  };
  console.log(JSON.stringify(result));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
