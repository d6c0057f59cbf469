// Calls to the Coverage REST API (same origin), with the access key as a bearer token when there is one.
import { accessKey } from './access-key.js';

// detail: what the answer's problem details say to fix, when it had them.
export class ApiError extends Error {
  constructor(status, path, detail) {
    super(`${path} → HTTP ${status}`);
    this.status = status;
    this.detail = detail;
  }
}

async function send(path, { method = 'GET', body } = {}) {
  const key = accessKey();
  const headers = { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) };
  const response = await fetch(path, { method, headers, body: body && JSON.stringify(body) });
  if (!response.ok) throw new ApiError(response.status, path, await detailOf(response));
  return response;
}

// A validation problem's first field error, or the problem's detail.
async function detailOf(response) {
  const problem = await response.json().catch(() => null);
  const [field, messages] = Object.entries(problem?.errors ?? {})[0] ?? [];
  return field ? `${field} ${messages[0]}` : problem?.detail;
}

const get = path => send(path);

const getJson = async path => (await get(path)).json();

const org = code => `/api/v1/orgs/${encodeURIComponent(code)}`;

// One read per org for a page's lifetime; an org the key cannot read has no name (null).
const names = new Map();

function orgName(code) {
  if (!names.has(code)) names.set(code, getJson(org(code)).then(o => o.name, () => null));
  return names.get(code);
}

export const api = {
  info: () => getJson('/api/v1/info'),
  measures: () => getJson('/api/v1/measures'),
  org: code => getJson(org(code)),
  orgName,
  children: code => getJson(`${org(code)}/children`),
  timeseries: (code, { measure, from, to, interval }) => getJson(`${org(code)}/timeseries?${new URLSearchParams({ measure, from, to, interval })}`),
  stations: (code, limit) => getJson(`${org(code)}/stations?limit=${limit}`),
  audit: query => getJson(`/api/v1/audit?${new URLSearchParams(query)}`),
  currentKey: () => getJson('/api/v1/keys/current'),
  figuresSheet: async code => (await get(`${org(code)}/figures.csv`)).blob(),
  search: (q, limit) => getJson(`/api/v1/orgs?${new URLSearchParams({ q, limit })}`),
  keys: query => getJson(`/api/v1/keys?${new URLSearchParams(query)}`),
  createKey: async (orgCode, role) => (await send('/api/v1/keys', { method: 'POST', body: { orgCode, role } })).json(),
  revokeKey: id => send(`/api/v1/keys/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};
