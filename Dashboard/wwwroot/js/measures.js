// The server's catalogue of measures (/api/v1/measures), keyed by their path in an OrgSummary (also the timeseries measure
// name): the page names every measure as exports do. Rates and today's station visits can colour the map.
import { formatCount, formatDecimal, formatPercent } from './format.js';

let catalogue = new Map();

export let MEASURES = [];

// Called once at start-up, before any view is built.
export function useCatalogue(measures) {
  catalogue = new Map(measures.map(m => [m.name, m]));
  MEASURES = measures
    .filter(m => m.hasHistory && (m.name.startsWith('rates.') || m.name === 'totals.stationVisits.today'))
    .map(m => ({ key: m.name, label: m.label, group: groupOf(m.name), kind: kindOf(m.name) }))
    .sort((a, b) => GROUPS.indexOf(a.group) - GROUPS.indexOf(b.group));
}

// In picker order; the first measure of the first group, 入会率, is the default.
const GROUPS = ['覆盖', '新就业形态', '服务站点'];

const STATION_RATES = ['rates.visitsPerStation', 'rates.stationsPer10kNewEmployment'];

function groupOf(key) {
  if (key.startsWith('totals.station') || STATION_RATES.includes(key)) return GROUPS[2];
  return key.startsWith('rates.newEmployment') ? GROUPS[1] : GROUPS[0];
}

export const labelOf = key => catalogue.get(key)?.label ?? key;

// count, rate, or number (visits per station, stations per 10,000 workers), as the catalogue's unit says.
export const kindOf = key => ({ count: 'count', number: 'number' })[catalogue.get(key)?.unit] ?? 'rate';

// Unknown or missing keys fall back to the default.
export const measureOf = key => MEASURES.find(m => m.key === key) ?? MEASURES[0];

export function valueOf(summary, key) {
  const value = key.split('.').reduce((node, part) => (node == null ? null : node[part]), summary);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

const FORMATS = { rate: formatPercent, count: formatCount, number: formatDecimal };

export const formatMeasure = (measure, value) => (FORMATS[measure.kind] ?? formatPercent)(value);
