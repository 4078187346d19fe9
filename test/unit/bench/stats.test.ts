import { percentile, robustSlope, slope } from '../../../bench/lib/stats';

describe('benchmark statistics', () => {
  it('nearest-rank percentiles', () => {
    const xs = [5, 1, 4, 2, 3];
    expect(percentile(xs, 0.5)).toBe(3);
    expect(percentile(xs, 0.99)).toBe(5);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it('least-squares and Theil–Sen agree on a straight line', () => {
    const xs = [0, 1, 2, 3, 4];
    const ys = xs.map((x) => 3 * x + 7);
    expect(slope(xs, ys)).toBeCloseTo(3, 10);
    expect(robustSlope(xs, ys)).toBeCloseTo(3, 10);
  });

  it('Theil–Sen ignores one outlying reading that tilts least squares', () => {
    const xs = [5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5];
    const ys = [430, 430, 431, 430, 430, 431, 430, 430, 430, 452]; // flat, one spike at the end
    expect(slope(xs, ys)).toBeGreaterThan(2);
    expect(Math.abs(robustSlope(xs, ys))).toBeLessThan(0.5);
  });

  it('Theil–Sen still sees a steady leak', () => {
    const xs = Array.from({ length: 20 }, (_, i) => i / 2);
    const ys = xs.map((x, i) => 400 + 4 * x + (i % 3) - 1); // 4 MiB per 1,000 plus noise
    expect(robustSlope(xs, ys)).toBeGreaterThan(3);
  });
});
