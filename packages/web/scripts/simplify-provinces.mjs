// One-off: simplify the 34 province boundaries (../shared/data/admin-units/province-geojson/,
// MIT, thanglequoc/vietnamese-provinces-database) into one small GeoJSON the dashboard map ships.
// Douglas–Peucker per ring, coordinates rounded to 3 decimals (~100 m), rings that collapse
// keep a small quad so islands (Hoàng Sa, Trường Sa, Phú Quốc…) stay on the map.
//   node packages/web/scripts/simplify-provinces.mjs [sourceDir] [tolerance]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const src = process.argv[2] ?? path.resolve(here, '../../../../shared/data/admin-units/province-geojson');
const tolerance = Number(process.argv[3] ?? 0.008);
const out = path.resolve(here, '../src/indicators/map/vn-provinces.json');

const round = (v) => Math.round(v * 1000) / 1000;

function perpDist(p, a, b) {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = dx * dx + dy * dy;
  if (len === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

function douglasPeucker(points, tol) {
  if (points.length < 3) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [s, e] = stack.pop();
    let max = 0;
    let idx = -1;
    for (let i = s + 1; i < e; i++) {
      const d = perpDist(points[i], points[s], points[e]);
      if (d > max) {
        max = d;
        idx = i;
      }
    }
    if (max > tol && idx > 0) {
      keep[idx] = 1;
      stack.push([s, idx], [idx, e]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

function dedupe(points) {
  const res = [];
  for (const p of points) {
    const q = [round(p[0]), round(p[1])];
    const last = res[res.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) res.push(q);
  }
  return res;
}

function simplifyRing(ring) {
  // A closed ring: split at the farthest point from the start so both halves simplify well.
  let far = 0;
  let best = 0;
  for (let i = 1; i < ring.length; i++) {
    const d = Math.hypot(ring[i][0] - ring[0][0], ring[i][1] - ring[0][1]);
    if (d > best) {
      best = d;
      far = i;
    }
  }
  const a = douglasPeucker(ring.slice(0, far + 1), tolerance);
  const b = douglasPeucker(ring.slice(far), tolerance);
  let res = dedupe([...a, ...b.slice(1)]);
  if (res.length < 4) {
    // Too small to survive: keep the island as a tiny quad around its extent.
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    res = dedupe([
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
    ]);
    if (res.length < 3) return null;
  }
  const first = res[0];
  const last = res[res.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) res.push(first);
  return res.length >= 4 ? res : null;
}

function ringArea(ring) {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return Math.abs(s / 2);
}

const features = [];
for (const file of fs
  .readdirSync(src)
  .filter((f) => f.endsWith('.geojson'))
  .sort()) {
  const fc = JSON.parse(fs.readFileSync(path.join(src, file), 'utf8'));
  for (const f of fc.features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const simplified = [];
    for (const poly of polys) {
      // Holes below ~1 km² are invisible at this scale.
      const rings = poly
        .map((r, i) => (i > 0 && ringArea(r) < 1e-4 ? null : simplifyRing(r)))
        .filter((r) => r !== null);
      if (rings.length && rings[0]) simplified.push(rings);
    }
    features.push({
      type: 'Feature',
      properties: { code: f.properties.code, name: f.properties.name, nameEn: f.properties.nameEn },
      geometry: { type: 'MultiPolygon', coordinates: simplified },
    });
  }
}
const json = JSON.stringify({ type: 'FeatureCollection', features });
fs.writeFileSync(out, json + '\n');
console.log(
  `${features.length} provinces, ${(json.length / 1024).toFixed(0)} KB → ${path.relative(process.cwd(), out)}`,
);
