// Drift statistics on hand-checkable cases and the sliding window's expiry.
import {
  baselineFrom,
  binIndex,
  driftScores,
  jensenShannonDistance,
  populationStabilityIndex,
  type DriftObservation,
} from '../../../core/monitoring/drift';
import { DriftWindow } from '../../../core/monitoring/drift-window';

const obs = (brightness: number, classId: number, score: number): DriftObservation => ({
  width: 640,
  height: 480,
  brightness,
  classIds: [classId],
  scores: [score],
});

describe('drift statistics', () => {
  it('bins values by upper edge, the last bin open', () => {
    expect(binIndex([10, 20], 5)).toBe(0);
    expect(binIndex([10, 20], 10)).toBe(0);
    expect(binIndex([10, 20], 15)).toBe(1);
    expect(binIndex([10, 20], 99)).toBe(2);
  });

  it('PSI is 0 for identical distributions and matches the formula for a known shift', () => {
    expect(populationStabilityIndex([50, 50], [50, 50])).toBeCloseTo(0, 10);
    // proportions 0.5/0.5 vs 0.8/0.2 (no smoothing): 0.3 ln(1.6) + (-0.3) ln(0.4)
    const expected = 0.3 * Math.log(1.6) - 0.3 * Math.log(0.4);
    expect(populationStabilityIndex([500, 500], [800, 200], 0)).toBeCloseTo(expected, 10);
    expect(() => populationStabilityIndex([1, 2], [1])).toThrow(/bin counts differ/);
  });

  it('Jensen–Shannon distance is 0 for equal, 1 for disjoint distributions', () => {
    expect(jensenShannonDistance([1, 2, 3], [2, 4, 6])).toBeCloseTo(0, 6);
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(1, 6);
  });

  it('flags a brightness shift and not an unchanged class mix', () => {
    const base = baselineFrom(
      Array.from({ length: 400 }, (_, i) => obs(100 + (i % 40), i % 4, 0.5 + (i % 5) / 10)),
      4,
    );
    const window = new DriftWindow(4, 60_000);
    for (let i = 0; i < 400; i++) window.observe(obs(220, i % 4, 0.5 + (i % 5) / 10));
    const scores = driftScores(base, window.snapshot().counts);
    expect(scores.brightness).toBeGreaterThan(1);
    expect(scores.class_distribution).toBeLessThan(0.01);
    expect(scores.score_distribution).toBeLessThan(0.01);
  });
});

describe('DriftWindow', () => {
  it('forgets observations older than the window, slice by slice', () => {
    let now = 0;
    const window = new DriftWindow(2, 60_000, 6, () => now);
    window.observe(obs(10, 0, 0.9));
    now = 30_000;
    window.observe(obs(10, 1, 0.9));
    expect(window.snapshot().samples).toBe(2);
    now = 65_000; // the first slice (t=0) has left the window, the second not yet
    expect(window.snapshot().samples).toBe(1);
    expect(window.snapshot().counts.class_distribution).toEqual([0, 1]);
    now = 200_000;
    expect(window.snapshot().samples).toBe(0);
  });
});
