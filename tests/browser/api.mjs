// The app's REST API as the scenarios use it from Node: reads, and figure updates with an admin key.
export async function getJson(baseUrl, path, key) {
  const response = await fetch(`${baseUrl}${path}`, { headers: key ? { Authorization: `Bearer ${key}` } : {} });
  if (!response.ok) throw new Error(`GET ${path} → HTTP ${response.status}`);
  return response.json();
}

// A request with the key (none when null) and a JSON body if given; the answer as it came.
export const send = (baseUrl, key, method, path, body) => fetch(`${baseUrl}${path}`, {
  method,
  headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
  body: body && JSON.stringify(body),
});

// The same, failing unless the API accepted it; its JSON answer, or null for a 204.
export async function sendOk(baseUrl, key, method, path, body) {
  const response = await send(baseUrl, key, method, path, body);
  if (!response.ok) throw new Error(`${method} ${path} → HTTP ${response.status}: ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

export async function provinceOf(baseUrl, code, key) {
  let org = await getJson(baseUrl, `/api/v1/orgs/${code}`, key);
  while (org.level !== 'province') {
    if (!org.parentCode) throw new Error(`${code} has no province above it`);
    org = await getJson(baseUrl, `/api/v1/orgs/${org.parentCode}`, key);
  }
  return org;
}

// Replaces the org's targets for the current year in China Standard Time.
export async function putTargets(baseUrl, code, key, targets) {
  const year = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();
  const response = await fetch(`${baseUrl}/api/v1/orgs/${code}/targets/${year}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(targets),
  });
  if (!response.ok) throw new Error(`PUT /api/v1/orgs/${code}/targets/${year} → HTTP ${response.status}: ${await response.text()}`);
}

// Adds `extra` members (and as many employees) to the org's own figures, stamped now.
export const addMembers = (baseUrl, code, key, extra) =>
  changeOwnFigures(baseUrl, code, key, own => ({ ...own, employees: own.employees + extra, members: own.members + extra }));

// Sends the org's own figures as `change` makes them from the stored ones, stamped now.
// The demo simulator may stamp the same county a moment later than our clock: a 409 is retried with a fresh time.
export async function changeOwnFigures(baseUrl, code, key, change) {
  for (let attempt = 1; ; attempt++) {
    const current = await getJson(baseUrl, `/api/v1/orgs/${code}`, key);
    const own = current.own ?? { employees: 0, members: 0, verifiedMembers: 0, unitsRequired: 0, unitsUnionized: 0, newEmployment: {} };
    const asOf = new Date(Math.max(Date.now(), Date.parse(own.asOf ?? 0) + 1)).toISOString();
    const figures = { ...change(own), asOf };
    const response = await fetch(`${baseUrl}/api/v1/orgs/${code}/figures`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(figures),
    });
    if (response.ok) return { acknowledgedAt: Date.now(), summary: await response.json() };
    if (response.status !== 409 || attempt === 5) throw new Error(`PUT /api/v1/orgs/${code}/figures → HTTP ${response.status}: ${await response.text()}`);
  }
}

// Registers a station under a county and reports its visits today (China Standard Time).
export async function putStationWithVisits(baseUrl, key, stationId, county, visits) {
  const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
  const info = { orgCode: county, name: `驿站 ${stationId}`, lat: 22.8, lon: 108.3, open24h: true, smart: true, amenities: [] };
  const registered = await fetch(`${baseUrl}/api/v1/stations/${stationId}`, { method: 'PUT', headers, body: JSON.stringify(info) });
  if (!registered.ok) throw new Error(`PUT /api/v1/stations/${stationId} → HTTP ${registered.status}: ${await registered.text()}`);
  const date = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const usage = await fetch(`${baseUrl}/api/v1/stations/${stationId}/usage`, { method: 'POST', headers, body: JSON.stringify([{ date, visits }]) });
  if (!usage.ok) throw new Error(`POST /api/v1/stations/${stationId}/usage → HTTP ${usage.status}: ${await usage.text()}`);
}
