// One run per model at a time, whoever asks (webhook, alert, dataset watcher): a trigger for a
// model whose run is still going is refused, and every trigger and finished run is counted in the
// trigger's Prometheus metrics.
import type { RunOutcome, TrainingMetrics } from './metrics';

export type TriggerSource = 'alert' | 'manual' | 'dataset';
export type TriggerStatus = 'started' | 'already-running';

export interface RunRequest {
  readonly model: string;
  readonly reason: string;
  /** Train on this dataset version (the watcher's new version); else the latest. */
  readonly datasetVersion?: number;
}

export interface SchedulerDeps {
  /** Starts a run and resolves when it finishes; the scheduler does not wait for it. */
  readonly startRun: (request: RunRequest) => Promise<unknown>;
  readonly metrics: TrainingMetrics;
  readonly onError?: (model: string, error: unknown) => void;
  /** A start refused because the model is busy elsewhere (an active Job): not a failed run. */
  readonly isBusy?: (error: unknown) => boolean;
  readonly onBusy?: (request: RunRequest) => void;
}

export interface RunScheduler {
  trigger(source: TriggerSource, request: RunRequest): TriggerStatus;
  /** Resolves when every run started so far has finished (tests, graceful close). */
  idle(): Promise<void>;
}

export function createRunScheduler(deps: SchedulerDeps): RunScheduler {
  const running = new Map<string, Promise<unknown>>();
  return {
    trigger(source, request) {
      const { model } = request;
      if (running.has(model)) {
        deps.metrics.triggers.inc({ source, outcome: 'already-running' });
        return 'already-running';
      }
      deps.metrics.triggers.inc({ source, outcome: 'started' });
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      let started$: Promise<unknown>;
      try {
        started$ = deps.startRun(request);
      } catch (error) {
        started$ = Promise.reject(error);
      }
      const run = started$
        .then((outcome) => deps.metrics.recordRun(model, seconds(), (outcome ?? {}) as RunOutcome))
        .catch((error: unknown) => {
          if (deps.isBusy?.(error)) {
            deps.metrics.triggers.inc({ source, outcome: 'already-running' });
            deps.onBusy?.(request);
            return;
          }
          deps.metrics.recordRun(model, seconds(), undefined);
          deps.onError?.(model, error);
        })
        .finally(() => running.delete(model));
      running.set(model, run);
      return 'started';
    },
    async idle() {
      await Promise.all([...running.values()]);
    },
  };
}
