// Polygon structure: which rings are outlines and which are holes, and their winding (RFC 7946:
// outlines counter-clockwise, holes clockwise). ECharts fills with the non-zero rule, so winding decides holes.

export function signedArea(ring) {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return sum / 2;
}

// Some sources list islands as extra rings of one polygon; nesting depth, not position, makes a ring a hole.
export function nestRings(rings) {
  const sorted = rings.map(ring => ({ ring, size: Math.abs(signedArea(ring)) })).sort((a, b) => b.size - a.size);
  const placed = [];
  for (const item of sorted) {
    const containers = placed.filter(other => contains(other.ring, item.ring));
    item.depth = containers.length;
    item.parent = containers.sort((a, b) => a.size - b.size)[0];
    placed.push(item);
  }
  const polygons = new Map();
  for (const item of placed) {
    if (item.depth % 2 === 0) polygons.set(item, [orient(item.ring, true)]);
    else polygons.get(item.parent)?.push(orient(item.ring, false));
  }
  return [...polygons.values()];
}

export const orient = (ring, counterClockwise) => ((signedArea(ring) > 0) === counterClockwise ? ring : ring.slice().reverse());

function contains(outer, inner) {
  const onOuter = new Set(outer.map(([x, y]) => `${x},${y}`));
  const probe = inner.find(([x, y]) => !onOuter.has(`${x},${y}`));
  return probe ? pointInRing(probe, outer) : false;
}

function pointInRing([px, py], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > py) !== (yj > py) && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
