// Map geometry for a view, from the files derived by tools/geo, registered with ECharts once per view.
import * as echarts from '../lib/echarts.esm.min.js';

const files = new Map();
const registered = new Set();

function loadFile(name) {
  if (!files.has(name)) {
    const request = fetch(`geo/${name}.json`).then(response => {
      if (!response.ok) throw new Error(`geo/${name}.json → HTTP ${response.status}`);
      return response.json();
    });
    // A failed download must not stick: the next view of the same province retries.
    request.catch(() => files.delete(name));
    files.set(name, request);
  }
  return files.get(name);
}

const provinceOf = code => `${code.slice(0, 2)}0000`;

// National: provinces. Province: its counties plus the lines between cities. City: its counties. County: itself.
const VIEWS = {
  national: { file: () => 'china', keep: () => true },
  province: { file: code => code, keep: () => true },
  city: { file: provinceOf, keep: (feature, code) => feature.properties.cityCode === code },
  county: { file: provinceOf, keep: (feature, code) => feature.properties.code === code },
};

export async function geometryFor(org) {
  const view = VIEWS[org.level];
  if (!view || !/^\d{6}$/.test(org.code)) return null;
  let collection;
  try {
    collection = await loadFile(view.file(org.code));
  } catch {
    return null;
  }
  const regions = collection.features.filter(f => f.properties.code && view.keep(f, org.code));
  if (regions.length === 0) return null;
  const mapName = `${org.level}-${org.code}`;
  if (!registered.has(mapName)) {
    echarts.registerMap(mapName, { type: 'FeatureCollection', features: regions });
    registered.add(mapName);
  }
  const borders = org.level === 'province'
    ? collection.features.filter(f => f.properties.kind === 'cityBorders').flatMap(f => f.geometry.coordinates)
    : [];
  return {
    level: org.level,
    mapName,
    regions: regions.map(f => ({ code: f.properties.code, name: f.properties.name, cityCode: f.properties.cityCode })),
    borders,
  };
}
