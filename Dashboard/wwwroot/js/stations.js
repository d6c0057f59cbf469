// Service stations (工会驿站) of an org, for the map layer; null when the endpoint is unavailable.
import { api } from './api.js';

// The endpoint's largest page: every station of the largest province in one request, so no region is left out.
const STATION_LIMIT = 5000;

export async function loadStations(code) {
  try {
    const page = await api.stations(code, STATION_LIMIT);
    const items = (page.items ?? []).filter(s => Number.isFinite(s.lat) && Number.isFinite(s.lon));
    return { items, total: page.total ?? items.length };
  } catch {
    return null;
  }
}
