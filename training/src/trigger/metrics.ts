// Prometheus metrics of the training trigger (names from the shared contract): triggers, runs by
// outcome, durations, the held-out AP of each new version, and the times of the last successful
// run and the last promotion (the ModelStale and TrainingRunFailed alerts read these), and the
// training/evaluation throughput in images/s (set each epoch while a run trains).
import * as client from 'prom-client';
import { TRAINING_METRICS as T } from '../../../core/monitoring/metric-names';

/** The parts of a pipeline result the metrics read (runPipeline's PipelineResult has them). */
export interface RunOutcome {
  readonly version?: number;
  readonly metrics?: Readonly<Record<string, number>>;
  readonly gate?: { readonly promote?: boolean };
}

export function createTrainingMetrics() {
  const registry = new client.Registry();
  const registers = [registry];
  const m = {
    registry,
    triggers: new client.Counter({
      name: T.triggers,
      help: 'Training triggers received',
      labelNames: ['source', 'outcome'] as const,
      registers,
    }),
    runs: new client.Counter({
      name: T.runs,
      help: 'Training runs finished, by status',
      labelNames: ['model', 'status'] as const,
      registers,
    }),
    runDuration: new client.Gauge({
      name: T.runDuration,
      help: 'Duration of the last training run',
      labelNames: ['model'] as const,
      registers,
    }),
    lastSuccess: new client.Gauge({
      name: T.lastSuccess,
      help: 'Unix time of the last successful run',
      labelNames: ['model'] as const,
      registers,
    }),
    lastPromotion: new client.Gauge({
      name: T.lastPromotion,
      help: 'Unix time of the last promotion by the gate',
      labelNames: ['model'] as const,
      registers,
    }),
    imagesPerSecond: new client.Gauge({
      name: T.imagesPerSecond,
      help: 'Images per second: phase=train each epoch (head on cached features), phase=eval on the held-out split',
      labelNames: ['model', 'phase'] as const,
      registers,
    }),
    evalAP: new client.Gauge({
      name: T.evalAP,
      help: 'Held-out COCO metrics of the newest version',
      labelNames: ['model', 'version', 'metric'] as const,
      registers,
    }),
  };
  return {
    ...m,
    /** Records a throughput sample (the pipeline's onThroughput). */
    recordThroughput(model: string, phase: 'train' | 'eval', imagesPerSecond: number): void {
      m.imagesPerSecond.set({ model, phase }, imagesPerSecond);
    },
    /** Records a finished run; `outcome` is the pipeline result, or undefined when it failed. */
    recordRun(model: string, seconds: number, outcome: RunOutcome | undefined): void {
      m.runs.inc({ model, status: outcome ? 'succeeded' : 'failed' });
      m.runDuration.set({ model }, seconds);
      if (!outcome) return;
      const now = Date.now() / 1000;
      m.lastSuccess.set({ model }, now);
      if (outcome.gate?.promote) m.lastPromotion.set({ model }, now);
      for (const [metric, value] of Object.entries(outcome.metrics ?? {})) {
        m.evalAP.set({ model, version: String(outcome.version ?? 0), metric }, value);
      }
    },
  };
}

export type TrainingMetrics = ReturnType<typeof createTrainingMetrics>;
