// Compares live traffic of every served model version with the baseline recorded in its registry
// metadata (class mix, scores, image size, aspect ratio, brightness) over a sliding window, and
// exports the population stability index per signal. Scores are computed when Prometheus scrapes,
// so requests only pay for a few counter increments. Versions without a baseline export nothing.
import * as client from 'prom-client';
import {
  driftScores,
  type DriftBaseline,
  type DriftObservation,
} from '../../../core/monitoring/drift';
import { DriftWindow } from '../../../core/monitoring/drift-window';
import { DRIFT_SIGNALS, SERVING_METRICS } from '../../../core/monitoring/metric-names';

interface Tracked {
  readonly baseline: DriftBaseline;
  readonly window: DriftWindow;
}

/** The baseline stored in metadata.json, if it has the expected shape. */
export function parseBaseline(value: unknown): DriftBaseline | undefined {
  const b = value as Partial<DriftBaseline> | undefined;
  if (!b || typeof b.numClasses !== 'number' || typeof b.samples !== 'number' || !b.counts)
    return undefined;
  const ok = DRIFT_SIGNALS.every(
    (s) => Array.isArray(b.counts?.[s]) && b.counts[s].every((c) => typeof c === 'number'),
  );
  return ok ? (b as DriftBaseline) : undefined;
}

export class DriftMonitor {
  private readonly tracked = new Map<string, Tracked>();

  constructor(
    registry: client.Registry,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    const tracked = this.tracked;
    const keyParts = (key: string) => key.split('\u0000') as [string, string];
    const scoreGauge: client.Gauge<'model' | 'version' | 'signal'> = new client.Gauge({
      name: SERVING_METRICS.driftScore,
      help: 'Population stability index of live traffic vs the version baseline, per signal',
      labelNames: ['model', 'version', 'signal'] as const,
      registers: [registry],
      collect: () => {
        scoreGauge.reset();
        for (const [key, t] of tracked) {
          const [model, version] = keyParts(key);
          const scores = driftScores(t.baseline, t.window.snapshot().counts);
          for (const signal of DRIFT_SIGNALS)
            scoreGauge.set({ model, version, signal }, scores[signal]);
        }
      },
    });
    const samplesGauge: client.Gauge<'model' | 'version'> = new client.Gauge({
      name: SERVING_METRICS.driftWindowSamples,
      help: 'Images in the current drift window, per model version',
      labelNames: ['model', 'version'] as const,
      registers: [registry],
      collect: () => {
        samplesGauge.reset();
        for (const [key, t] of tracked) {
          const [model, version] = keyParts(key);
          samplesGauge.set({ model, version }, t.window.snapshot().samples);
        }
      },
    });
  }

  observe(model: string, version: number, baselineValue: unknown, o: DriftObservation): void {
    const key = `${model}\u0000${version}`;
    let t = this.tracked.get(key);
    if (!t) {
      const baseline = parseBaseline(baselineValue);
      if (!baseline) return;
      t = { baseline, window: new DriftWindow(baseline.numClasses, this.windowMs, 12, this.now) };
      this.tracked.set(key, t);
    }
    t.window.observe(o);
  }

  /** Drops versions no longer served (their windows would otherwise linger in /metrics). */
  retain(live: ReadonlySet<string>): void {
    for (const key of this.tracked.keys())
      if (!live.has(key.replace('\u0000', ':'))) this.tracked.delete(key);
  }
}
