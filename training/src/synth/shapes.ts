// Procedurally drawn objects of classes the COCO model does not know — a five-pointed star, a
// ring and a plus-shaped marker — each with a random colour, a stripe or dot texture and a
// rotation. Geometry is explicit, so every box is exact: the bounds of the drawn outline.
import type { Rng } from './rng';

export const SHAPE_CLASSES = ['star', 'ring', 'cross'] as const;
export type ShapeClass = (typeof SHAPE_CLASSES)[number];

export interface PlacedShape {
  readonly cls: ShapeClass;
  /** Exact [x, y, w, h] of the drawn outline in image pixels. */
  readonly bbox: [number, number, number, number];
  /** SVG elements (defs + shape) drawing it. */
  readonly svg: string;
}

type Point = readonly [number, number];

function starOutline(r: number): Point[] {
  return Array.from({ length: 10 }, (_, i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? r : r * 0.45;
    return [rr * Math.cos(a), rr * Math.sin(a)] as const;
  });
}

function crossOutline(r: number): Point[] {
  const t = r * 0.34; // arm half-width
  return [
    [-t, -r],
    [t, -r],
    [t, -t],
    [r, -t],
    [r, t],
    [t, t],
    [t, r],
    [-t, r],
    [-t, t],
    [-r, t],
    [-r, -t],
    [-t, -t],
  ];
}

const rotate = (p: Point, a: number): Point => [
  p[0] * Math.cos(a) - p[1] * Math.sin(a),
  p[0] * Math.sin(a) + p[1] * Math.cos(a),
];

function hsl(h: number, s: number, l: number): string {
  return `hsl(${h.toFixed(0)},${s.toFixed(0)}%,${l.toFixed(0)}%)`;
}

/** Radius (half-extent before rotation) and the extent of the rotated outline around its centre. */
export function shapeExtent(cls: ShapeClass, radius: number, angle: number): Point[] {
  if (cls === 'ring')
    return [
      [-radius, -radius],
      [radius, radius],
    ];
  const outline = cls === 'star' ? starOutline(radius) : crossOutline(radius);
  return outline.map((p) => rotate(p, angle));
}

export function drawShape(
  rng: Rng,
  id: string,
  cls: ShapeClass,
  cx: number,
  cy: number,
  radius: number,
  angle: number,
): PlacedShape {
  const hue = rng.range(0, 360);
  const base = hsl(hue, rng.range(60, 95), rng.range(35, 60));
  const accent = hsl((hue + rng.range(120, 240)) % 360, 80, rng.range(15, 85));
  const cell = Math.max(3, radius * rng.range(0.15, 0.3));
  const texture =
    rng.next() < 0.5
      ? `<rect width="${cell}" height="${cell}" fill="${base}"/><rect width="${cell / 2}" height="${cell}" fill="${accent}"/>`
      : `<rect width="${cell}" height="${cell}" fill="${base}"/><circle cx="${cell / 2}" cy="${cell / 2}" r="${cell / 4}" fill="${accent}"/>`;
  const pattern = `<pattern id="p${id}" width="${cell}" height="${cell}" patternUnits="userSpaceOnUse" patternTransform="rotate(${rng.range(0, 180).toFixed(1)})">${texture}</pattern>`;
  const points = shapeExtent(cls, radius, angle);
  let body: string;
  if (cls === 'ring') {
    const inner = radius * rng.range(0.45, 0.65);
    // An annulus as one path with the even-odd rule, so the photo shows through the hole.
    body = `<path fill-rule="evenodd" fill="url(#p${id})" d="M ${cx - radius} ${cy} a ${radius} ${radius} 0 1 0 ${2 * radius} 0 a ${radius} ${radius} 0 1 0 ${-2 * radius} 0 Z M ${cx - inner} ${cy} a ${inner} ${inner} 0 1 0 ${2 * inner} 0 a ${inner} ${inner} 0 1 0 ${-2 * inner} 0 Z"/>`;
  } else {
    const pts = points.map(([x, y]) => `${(cx + x).toFixed(2)},${(cy + y).toFixed(2)}`).join(' ');
    body = `<polygon fill="url(#p${id})" points="${pts}"/>`;
  }
  const xs = points.map((p) => cx + p[0]);
  const ys = points.map((p) => cy + p[1]);
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  return {
    cls,
    bbox: [x0, y0, Math.max(...xs) - x0, Math.max(...ys) - y0],
    svg: `<defs>${pattern}</defs>${body}`,
  };
}
