// Calls to the Coverage REST API (same origin), with the access key as a bearer token when there is one.
import { accessKey } from './access-key.js';

// The title of the API's 401 for a key that was revoked (the detail says when and whom to ask), unlike a mistyped one.
export const REVOKED_KEY = 'Revoked API key';

// problem: the answer's problem details, when it had them; detail: what they say to fix first.
export class ApiError extends Error {
  constructor(status, path, problem) {
    super(`${path} → HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    const [field, messages] = Object.entries(problem?.errors ?? {})[0] ?? [];
    this.detail = field ? `${field} ${messages[0]}` : problem?.detail;
  }
}

// body: an object sent as JSON, or bytes sent as they are under contentType. The pages are Chinese, so the API's errors are asked for in Chinese.
async function send(path, { method = 'GET', body, contentType } = {}) {
  const key = accessKey();
  const raw = body instanceof ArrayBuffer || ArrayBuffer.isView(body);
  const headers = {
    'Accept-Language': 'zh-CN',
    ...(key ? { Authorization: `Bearer ${key}` } : {}),
    ...(body ? { 'Content-Type': raw ? contentType : 'application/json' } : {}),
  };
  const response = await fetch(path, { method, headers, body: body && (raw ? body : JSON.stringify(body)) });
  if (!response.ok) throw new ApiError(response.status, path, await response.json().catch(() => null));
  return response;
}

const get = path => send(path);

const importCsv = async (path, bytes, charset) =>
  (await send(path, { method: 'POST', body: bytes, contentType: `text/csv; charset=${charset}` })).json();

const getJson = async path => (await get(path)).json();

const org = code => `/api/v1/orgs/${encodeURIComponent(code)}`;

// One read per org for a page's lifetime; an org the key cannot read has no name (null), and is asked again next time,
// as the key may have changed.
const names = new Map();

function orgName(code) {
  if (!names.has(code)) {
    names.set(code, getJson(org(code)).then(o => o.name, () => {
      names.delete(code);
      return null;
    }));
  }
  return names.get(code);
}

export const api = {
  info: () => getJson('/api/v1/info'),
  measures: () => getJson('/api/v1/measures'),
  org: code => getJson(org(code)),
  orgName,
  children: code => getJson(`${org(code)}/children`),
  timeseries: (code, { measure, from, to, interval }) => getJson(`${org(code)}/timeseries?${new URLSearchParams({ measure, from, to, interval })}`),
  childrenTimeseries: (code, { measure, from, to, interval, limit }) =>
    getJson(`${org(code)}/children/timeseries?${new URLSearchParams({ measure, from, to, interval, limit })}`),
  stations: (code, limit) => getJson(`${org(code)}/stations?limit=${limit}`),
  audit: query => getJson(`/api/v1/audit?${new URLSearchParams(query)}`),
  auditSheet: async query => (await get(`/api/v1/audit.csv?${new URLSearchParams(query)}`)).blob(),
  currentKey: () => getJson('/api/v1/keys/current'),
  figuresSheet: async code => (await get(`${org(code)}/figures.csv`)).blob(),
  search: (q, limit) => getJson(`/api/v1/orgs?${new URLSearchParams({ q, limit })}`),
  keys: query => getJson(`/api/v1/keys?${new URLSearchParams(query)}`),
  createKey: async (orgCode, role) => (await send('/api/v1/keys', { method: 'POST', body: { orgCode, role } })).json(),
  revokeKey: id => send(`/api/v1/keys/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  // The org as registered, and whether it is new (201) rather than renamed.
  registerFederation: async (parentCode, code, body) => {
    const response = await send(`${org(parentCode)}/federations/${encodeURIComponent(code)}`, { method: 'PUT', body });
    return { org: await response.json(), created: response.status === 201 };
  },
  deregisterFederation: (parentCode, code) => send(`${org(parentCode)}/federations/${encodeURIComponent(code)}`, { method: 'DELETE' }),
  importFigures: (bytes, charset) => importCsv('/api/v1/figures:import', bytes, charset),
  unitsSheet: async code => (await get(`${org(code)}/units.csv`)).blob(),
  importUnits: (code, bytes, charset) => importCsv(`${org(code)}/units:import`, bytes, charset),
  deregisterUnits: async (code, codes) => (await send(`${org(code)}/units:batchDelete`, { method: 'POST', body: codes })).json(),
  stationsSheet: async code => (await get(`${org(code)}/stations.csv`)).blob(),
  importStations: (bytes, charset) => importCsv('/api/v1/stations:import', bytes, charset),
  closeStations: async ids => (await send('/api/v1/stations:batchDelete', { method: 'POST', body: ids })).json(),
  usageSheet: async code => (await get(`${org(code)}/usage.csv`)).blob(),
  importUsage: (bytes, charset) => importCsv('/api/v1/stations/usage:import', bytes, charset),
  targetsSheet: async (code, year) => (await get(`${org(code)}/targets.csv?year=${year}`)).blob(),
  importTargets: (bytes, charset) => importCsv('/api/v1/targets:import', bytes, charset),
};
