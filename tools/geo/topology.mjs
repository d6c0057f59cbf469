// Simplifies polygons that share borders: rings are cut into arcs at junctions and each arc is
// simplified once in a canonical direction, so neighbours keep identical borders (no slivers).
import { signedArea } from './polygons.mjs';

const keyOf = ([x, y]) => x * 1e7 + y;

// shapes: [{ polygons: [[ring, ...holes], ...] }] with closed rings of integer points.
export function simplifyShared(shapes, tolerance) {
  const rings = [];
  shapes.forEach((shape, s) => shape.polygons.forEach((polygon, p) => polygon.forEach((points, r) => {
    rings.push({ shape: s, polygon: p, index: r, points: points.slice(0, -1) });
  })));

  const members = new Map();
  rings.forEach((ring, id) => {
    for (const point of ring.points) {
      const k = keyOf(point);
      const list = members.get(k);
      if (!list) members.set(k, [id]);
      else if (list[list.length - 1] !== id) list.push(id);
    }
  });
  const signature = point => members.get(keyOf(point)).join(',');

  const arcs = new Map();
  const simplifiedRing = ring => {
    const pts = ring.points;
    const n = pts.length;
    const sig = pts.map(signature);
    const fixed = [];
    for (let i = 0; i < n; i++) {
      if (sig[i] !== sig[(i + n - 1) % n] || sig[i] !== sig[(i + 1) % n]) fixed.push(i);
    }
    if (fixed.length === 0) {
      const start = pts.reduce((best, p, i) => (keyOf(p) < keyOf(pts[best]) ? i : best), 0);
      fixed.push(start);
    }
    const out = [];
    for (let f = 0; f < fixed.length; f++) {
      const from = fixed[f];
      const to = fixed[(f + 1) % fixed.length];
      const span = to > from ? to - from : to + n - from;
      const piece = [];
      for (let i = 0; i <= span; i++) piece.push(pts[(from + i) % n]);
      const simplified = simplifyArc(piece, tolerance, arcs, ring.shape);
      out.push(...(out.length ? simplified.slice(1) : simplified));
    }
    return out;
  };

  const result = shapes.map(() => []);
  for (const ring of rings) {
    const points = simplifiedRing(ring);
    const polygons = result[ring.shape];
    if (!polygons[ring.polygon]) polygons[ring.polygon] = [];
    polygons[ring.polygon][ring.index] = points;
  }

  const minArea = (2 * tolerance) ** 2;
  const simplifiedShapes = result.map((polygons, s) => {
    // Islets smaller than a few tolerance squares are invisible at any zoom the map allows.
    const kept = polygons
      .filter(polygon => polygon && polygon[0] && isRing(polygon[0]) && Math.abs(signedArea(polygon[0])) > minArea)
      .map(([outer, ...holes]) => [outer, ...holes.filter(h => h && isRing(h))]);
    if (kept.length > 0) return kept;
    // Too small to survive simplification: keep its largest original ring so the region stays clickable.
    const largest = shapes[s].polygons.map(p => p[0]).reduce((a, b) => (Math.abs(signedArea(b)) > Math.abs(signedArea(a)) ? b : a));
    return [[largest]];
  });

  return { shapes: simplifiedShapes, arcs: [...arcs.values()] };
}

function simplifyArc(points, tolerance, arcs, owner) {
  const n = points.length;
  const first = keyOf(points[0]);
  const last = keyOf(points[n - 1]);
  const reversed = first > last || (first === last && n > 2 && keyOf(points[1]) > keyOf(points[n - 2]));
  const canonical = reversed ? points.slice().reverse() : points;
  const id = `${keyOf(canonical[0])}/${keyOf(canonical[1] ?? canonical[0])}/${keyOf(canonical[n - 1])}/${n}`;
  let arc = arcs.get(id);
  if (!arc) {
    arc = { points: douglasPeucker(canonical, tolerance), owners: new Set() };
    arcs.set(id, arc);
  }
  arc.owners.add(owner);
  return reversed ? arc.points.slice().reverse() : arc.points;
}

function douglasPeucker(points, tolerance) {
  const n = points.length;
  if (n <= 2) return points;
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  const limit = tolerance * tolerance;
  const stack = [[0, n - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    let worst = -1;
    let worstDistance = limit;
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance2(points[i], points[a], points[b]);
      if (d > worstDistance) { worst = i; worstDistance = d; }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

function segmentDistance2([px, py], [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

const isRing = ring => ring.length >= 4 && signedArea(ring) !== 0;
