// Retrains a model when the dataset it trains on gets a new version: polls the dataset store and
// triggers a run on the newest version unless a run already used it. What was last trained comes
// from the run metadata (the dataset input or the requested version), so a restarted trigger
// does not retrain a version, and a version is attempted once: a failed run is retried by hand.
import type { DatasetRegistry } from '../../../core/datasets';
import type { RunRecord, RunStore } from '../../../core/metadata';
import type { RunRequest, TriggerSource, TriggerStatus } from './run-scheduler';

export interface WatchedModel {
  readonly model: string;
  readonly dataset: string;
}

export interface DatasetWatcherDeps {
  readonly datasets: Pick<DatasetRegistry, 'listVersions'>;
  readonly runs: Pick<RunStore, 'listRuns'>;
  readonly watched: readonly WatchedModel[];
  readonly trigger: (source: TriggerSource, request: RunRequest) => TriggerStatus;
  readonly onError?: (error: unknown) => void;
}

export interface PollResult {
  readonly model: string;
  readonly dataset: string;
  readonly latest?: number;
  readonly lastTrained?: number;
  readonly status: TriggerStatus | 'up-to-date' | 'no-versions';
}

/** The newest version of `dataset` any run of `model` trained on (or was asked to). */
export function lastTrainedVersion(
  runs: readonly RunRecord[],
  dataset: string,
): number | undefined {
  let last: number | undefined;
  for (const run of runs) {
    const input = run.inputs.find((i) => i.kind === 'dataset' && i.name === dataset)?.version;
    const requested =
      run.parameters.dataset === dataset && typeof run.parameters.datasetVersion === 'number'
        ? run.parameters.datasetVersion
        : undefined;
    for (const v of [input, requested])
      if (v !== undefined && (last === undefined || v > last)) last = v;
  }
  return last;
}

export function createDatasetWatcher(deps: DatasetWatcherDeps) {
  // Versions triggered by this process, for the gap before the run's record exists.
  const triggered = new Map<string, number>();
  const pollOne = async ({ model, dataset }: WatchedModel): Promise<PollResult> => {
    const versions = await deps.datasets.listVersions(dataset).catch(() => []);
    if (versions.length === 0) return { model, dataset, status: 'no-versions' };
    const latest = Math.max(...versions);
    const recorded = lastTrainedVersion(await deps.runs.listRuns({ model }), dataset);
    const lastTrained = Math.max(recorded ?? -1, triggered.get(model) ?? -1);
    if (latest <= lastTrained) return { model, dataset, latest, lastTrained, status: 'up-to-date' };
    const status = deps.trigger('dataset', {
      model,
      reason: `dataset ${dataset} v${latest}`,
      datasetVersion: latest,
    });
    if (status === 'started') triggered.set(model, latest);
    return { model, dataset, latest, lastTrained: recorded, status };
  };
  const poll = async (): Promise<PollResult[]> => {
    const results: PollResult[] = [];
    for (const w of deps.watched) results.push(await pollOne(w));
    return results;
  };
  return {
    poll,
    /** Forgets the version this process triggered for `model` (its start was refused). */
    forget(model: string): void {
      triggered.delete(model);
    },
    /** Polls every `intervalMs` (one poll at a time); returns the stop function. */
    start(intervalMs: number): () => void {
      let stopped = false;
      let timer: NodeJS.Timeout | undefined;
      const tick = () => {
        timer = undefined;
        poll()
          .catch((error: unknown) => deps.onError?.(error))
          .finally(() => {
            if (!stopped) timer = setTimeout(tick, intervalMs).unref();
          });
      };
      tick();
      return () => {
        stopped = true;
        if (timer) clearTimeout(timer);
      };
    },
  };
}
