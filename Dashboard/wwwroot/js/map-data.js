// Which org colours which region, per kind of view: a province's counties take their city's figures,
// because the province's children (and its ranking) are cities; the counties show where city borders run.
import { valueOf } from './measures.js';

function summaryForRegion(geometry, region, { org, children }) {
  switch (geometry.level) {
    case 'national':
    case 'city':
      return children.get(region.code) ?? null;
    case 'province':
      return children.get(region.cityCode) ?? null;
    case 'county':
      return region.code === org.code ? org : null;
    default:
      return null;
  }
}

export function regionItems(geometry, data, measure) {
  return geometry.regions.flatMap(region => {
    const summary = summaryForRegion(geometry, region, data);
    if (!summary) return [];
    // '-' is ECharts' missing value: the region keeps the no-data colour but still has a tooltip.
    return [{ name: region.code, value: valueOf(summary, measure.key) ?? '-', orgName: summary.name, orgCode: summary.code, members: summary.totals?.members }];
  });
}

// Children on the map vs. children listed only in the table, and regions with no org (old codes).
export function coverage(geometry, { children }) {
  if (geometry.level === 'county') return { unmatchedRegions: 0, childrenWithoutShape: 0 };
  const childOf = region => (geometry.level === 'province' ? region.cityCode : region.code);
  const drawn = new Set(geometry.regions.map(childOf));
  return {
    unmatchedRegions: geometry.regions.filter(r => !children.has(childOf(r))).length,
    childrenWithoutShape: [...children.keys()].filter(code => !drawn.has(code)).length,
  };
}

// Clicking a region opens the child it belongs to: a province on the national map, a city from its counties.
export function drillTarget(geometry, regionCode, { children }) {
  const region = geometry.regions.find(r => r.code === regionCode);
  if (!region || geometry.level === 'county') return null;
  const target = geometry.level === 'province' ? region.cityCode : region.code;
  return children.has(target) ? target : null;
}

// The colour range is fixed when a view or measure is chosen, so live updates never rescale the legend.
export function colourScale(items, measure) {
  const values = items.map(i => i.value).filter(v => typeof v === 'number');
  if (values.length === 0) return { min: 0, max: 1 };
  if (measure.kind === 'count') return { min: 0, max: niceCeiling(Math.max(...values)) };
  // Rates step by 5 points; other numbers (visits per station) by a step of the order of their spread.
  const spread = Math.max(...values) - Math.min(...values);
  const step = measure.kind === 'rate' ? 0.05 : 10 ** Math.floor(Math.log10(spread || Math.max(...values) || 1));
  let min = Math.floor(Math.min(...values) / step) * step;
  let max = Math.ceil(Math.max(...values) / step) * step;
  if (max - min < step) {
    min = Math.max(0, min - step);
    max += step;
  }
  return { min: round(min), max: round(max) };
}

function niceCeiling(value) {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map(f => f * magnitude).find(v => v >= value);
}

const round = value => Math.round(value * 1000) / 1000;
