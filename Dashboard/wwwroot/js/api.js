// Calls to the Coverage REST API (same origin), with the access key as a bearer token when there is one.
import { accessKey } from './access-key.js';

export class ApiError extends Error {
  constructor(status, path) {
    super(`${path} → HTTP ${status}`);
    this.status = status;
  }
}

async function get(path) {
  const key = accessKey();
  const response = await fetch(path, { headers: key ? { Authorization: `Bearer ${key}` } : {} });
  if (!response.ok) throw new ApiError(response.status, path);
  return response;
}

const getJson = async path => (await get(path)).json();

const org = code => `/api/v1/orgs/${encodeURIComponent(code)}`;

export const api = {
  info: () => getJson('/api/v1/info'),
  measures: () => getJson('/api/v1/measures'),
  org: code => getJson(org(code)),
  children: code => getJson(`${org(code)}/children`),
  timeseries: (code, { measure, from, to, interval }) => getJson(`${org(code)}/timeseries?${new URLSearchParams({ measure, from, to, interval })}`),
  stations: (code, limit) => getJson(`${org(code)}/stations?limit=${limit}`),
  audit: query => getJson(`/api/v1/audit?${new URLSearchParams(query)}`),
  currentKey: () => getJson('/api/v1/keys/current'),
  figuresSheet: async code => (await get(`${org(code)}/figures.csv`)).blob(),
};
