// Precision-recall curves as a standalone SVG (no browser or canvas needed): one polyline per
// series over the 101 recall points, axes with ticks, and a legend.
import type { PrCurve } from '../eval/types';

export interface CurveSeries {
  readonly label: string;
  readonly curve: PrCurve;
}

const W = 520;
const H = 380;
const M = { left: 52, right: 150, top: 28, bottom: 44 };
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2'];

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function prCurvesSvg(title: string, series: readonly CurveSeries[]): string {
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const x = (r: number): string => (M.left + r * pw).toFixed(1);
  const y = (p: number): string => (M.top + (1 - p) * ph).toFixed(1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${M.left}" y="18" font-size="13" font-weight="bold">${esc(title)}</text>`,
  ];
  for (let i = 0; i <= 10; i += 2) {
    const v = i / 10;
    parts.push(
      `<line x1="${x(v)}" y1="${y(0)}" x2="${x(v)}" y2="${y(1)}" stroke="#eee"/>`,
      `<line x1="${x(0)}" y1="${y(v)}" x2="${x(1)}" y2="${y(v)}" stroke="#eee"/>`,
      `<text x="${x(v)}" y="${Number(y(0)) + 14}" text-anchor="middle">${v.toFixed(1)}</text>`,
      `<text x="${M.left - 6}" y="${Number(y(v)) + 4}" text-anchor="end">${v.toFixed(1)}</text>`,
    );
  }
  parts.push(
    `<rect x="${M.left}" y="${M.top}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`,
    `<text x="${M.left + pw / 2}" y="${H - 8}" text-anchor="middle">recall</text>`,
    `<text transform="translate(14 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle">precision</text>`,
  );
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length]!;
    // Undefined precision (-1: class without ground truth) draws nothing.
    const points = s.curve.recall
      .map((r, k) => [r, s.curve.precision[k]!] as const)
      .filter(([, p]) => p >= 0)
      .map(([r, p]) => `${x(r)},${y(p)}`);
    if (points.length > 0)
      parts.push(
        `<polyline fill="none" stroke="${color}" stroke-width="1.8" points="${points.join(' ')}"/>`,
      );
    const ly = M.top + 14 + i * 16;
    parts.push(
      `<line x1="${W - M.right + 10}" y1="${ly - 4}" x2="${W - M.right + 28}" y2="${ly - 4}" stroke="${color}" stroke-width="2"/>`,
      `<text x="${W - M.right + 32}" y="${ly}">${esc(s.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
