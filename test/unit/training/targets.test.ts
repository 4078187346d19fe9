// Heatmap and box targets: the peak sits on the box centre's cell with value 1, and the l,t,r,b
// distances decode back to the box the way the graph's decoder does (x·4 ∓ d·16).
import { GRID, STRIDE, WH_SCALE } from '../../../training/src/model/centernet-head';
import { buildTargets } from '../../../training/src/model/targets';

describe('buildTargets', () => {
  const box = { x1: 100, y1: 40, x2: 180, y2: 120, cls: 1 };
  const t = buildTargets([box], 3);

  it('puts a peak of 1 on the centre cell of the right class only', () => {
    const cx = Math.round(140 / STRIDE);
    const cy = Math.round(80 / STRIDE);
    expect(t.peaks[0]).toBe(cy * GRID + cx);
    expect(t.heatmap[(cy * GRID + cx) * 3 + 1]).toBe(1);
    expect(t.heatmap[(cy * GRID + cx) * 3 + 0]).toBe(0);
    const neighbour = t.heatmap[(cy * GRID + cx + 1) * 3 + 1]!;
    expect(neighbour).toBeGreaterThan(0);
    expect(neighbour).toBeLessThan(1);
  });

  it('encodes distances that decode to the box', () => {
    const cell = t.peaks[0]!;
    const x = (cell % GRID) * STRIDE;
    const y = Math.floor(cell / GRID) * STRIDE;
    const [l, tp, r, b] = Array.from(t.ltrb).map((v) => v * WH_SCALE);
    expect([x - l!, y - tp!, x + r!, y + b!].map((v) => Math.round(v * 1e4) / 1e4)).toEqual([
      100, 40, 180, 120,
    ]);
  });

  it('rejects a class outside 0..K-1', () => {
    expect(() => buildTargets([{ ...box, cls: 3 }], 3)).toThrow(/class 3/);
  });
});
