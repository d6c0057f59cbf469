// Reads GeoJSON written for ECharts (a registerMap script, or a file that may use its compact encoding)
// and returns it with plain coordinates.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';

export function loadRegisteredMap(path) {
  let geoJson;
  // The script is a UMD wrapper: with no define/exports it falls back to the global echarts.
  runInNewContext(readFileSync(path, 'utf8'), { echarts: { registerMap: (_name, json) => { geoJson = json; } } });
  if (!geoJson) throw new Error(`${path} registered no map`);
  return decode(geoJson);
}

// ECharts' compact encoding: per ring a start offset, then zigzag deltas as char pairs (code - 64).
export function decode(json) {
  if (!json.UTF8Encoding) return json;
  const scale = json.UTF8Scale ?? 1024;
  const decodeRing = (text, [x0, y0]) => {
    const ring = [];
    let x = x0;
    let y = y0;
    for (let i = 0; i < text.length; i += 2) {
      const dx = text.charCodeAt(i) - 64;
      const dy = text.charCodeAt(i + 1) - 64;
      x += (dx >> 1) ^ -(dx & 1);
      y += (dy >> 1) ^ -(dy & 1);
      ring.push([x / scale, y / scale]);
    }
    return ring;
  };
  const features = json.features.map(feature => {
    const { type, coordinates, encodeOffsets } = feature.geometry;
    const decoded = type === 'Polygon'
      ? coordinates.map((ring, i) => decodeRing(ring, encodeOffsets[i]))
      : coordinates.map((polygon, p) => polygon.map((ring, i) => decodeRing(ring, encodeOffsets[p][i])));
    return { ...feature, geometry: { type, coordinates: decoded } };
  });
  return { type: 'FeatureCollection', features };
}
