// Training targets on the 128×128 heatmap grid for one image, from boxes in model-input pixels:
// a Gaussian peak per object on its class channel (CenterNet), and at the peak cell the l,t,r,b
// distances from the cell's centre point (x·4, y·4) to the box edges, in units of WH_SCALE px —
// exactly what the graph's decoder inverts.
import { GRID, STRIDE, WH_SCALE } from './centernet-head';

export interface InputBox {
  /** Corners in model-input pixels (0..512). */
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  /** 0-based class index < K. */
  readonly cls: number;
}

export interface ImageTargets {
  /** [GRID·GRID, K] row-major, values in 0..1, exactly 1 at each object's peak. */
  readonly heatmap: Float32Array;
  /** Flat grid index (y·GRID + x) of each object's peak. */
  readonly peaks: Int32Array;
  /** [objects, 4] l, t, r, b / WH_SCALE. */
  readonly ltrb: Float32Array;
}

const clampCell = (v: number): number => Math.min(GRID - 1, Math.max(0, Math.round(v)));

export function buildTargets(boxes: readonly InputBox[], classes: number): ImageTargets {
  const heatmap = new Float32Array(GRID * GRID * classes);
  const peaks = new Int32Array(boxes.length);
  const ltrb = new Float32Array(boxes.length * 4);
  boxes.forEach((b, i) => {
    if (!(b.cls >= 0 && b.cls < classes)) throw new Error(`box ${i}: class ${b.cls} out of range`);
    const cx = clampCell((b.x1 + b.x2) / 2 / STRIDE);
    const cy = clampCell((b.y1 + b.y2) / 2 / STRIDE);
    peaks[i] = cy * GRID + cx;
    ltrb.set(
      [cx * STRIDE - b.x1, cy * STRIDE - b.y1, b.x2 - cx * STRIDE, b.y2 - cy * STRIDE].map(
        (v) => v / WH_SCALE,
      ),
      i * 4,
    );
    // Gaussian spread ~ object size in cells (CenterNet's radius heuristic, simplified).
    const size = Math.min(b.x2 - b.x1, b.y2 - b.y1) / STRIDE;
    const radius = Math.max(1, Math.round(size * 0.2));
    const sigma = (2 * radius + 1) / 6;
    for (let y = Math.max(0, cy - radius); y <= Math.min(GRID - 1, cy + radius); y++) {
      for (let x = Math.max(0, cx - radius); x <= Math.min(GRID - 1, cx + radius); x++) {
        const g = Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * sigma * sigma));
        const k = (y * GRID + x) * classes + b.cls;
        if (g > heatmap[k]!) heatmap[k] = g;
      }
    }
    heatmap[peaks[i]! * classes + b.cls] = 1;
  });
  return { heatmap, peaks, ltrb };
}
