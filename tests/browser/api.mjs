// The app's REST API as the scenarios use it from Node: reads, and figure updates with an admin key.
export async function getJson(baseUrl, path, key) {
  const response = await fetch(`${baseUrl}${path}`, { headers: key ? { Authorization: `Bearer ${key}` } : {} });
  if (!response.ok) throw new Error(`GET ${path} → HTTP ${response.status}`);
  return response.json();
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
// The demo simulator may stamp the same county a moment later than our clock: a 409 is retried with a fresh time.
export async function addMembers(baseUrl, code, key, extra) {
  for (let attempt = 1; ; attempt++) {
    const current = await getJson(baseUrl, `/api/v1/orgs/${code}`, key);
    const own = current.own ?? { employees: 0, members: 0, verifiedMembers: 0, unitsRequired: 0, unitsUnionized: 0, newEmployment: {} };
    const asOf = new Date(Math.max(Date.now(), Date.parse(own.asOf ?? 0) + 1)).toISOString();
    const figures = { ...own, asOf, employees: own.employees + extra, members: own.members + extra };
    const response = await fetch(`${baseUrl}/api/v1/orgs/${code}/figures`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(figures),
    });
    if (response.ok) return { acknowledgedAt: Date.now(), summary: await response.json() };
    if (response.status !== 409 || attempt === 5) throw new Error(`PUT /api/v1/orgs/${code}/figures → HTTP ${response.status}: ${await response.text()}`);
  }
}
