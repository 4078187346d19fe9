// Local mode: each triggered run is the pipeline in this process with the default training
// settings, its throughput exported by the trigger's metrics.
import { ENV } from '../../../core/contract';
import { initTf } from '../../../core/tf/backend';
import type { openStores } from '../pipeline/locations';
import { DEFAULT_TRAINING } from '../pipeline/options';
import type { Progress } from '../pipeline/progress';
import { runPipeline, type PipelineResult } from '../pipeline/run-pipeline';
import type { TriggerConfig } from './config';
import type { TrainingMetrics } from './metrics';
import type { RunRequest } from './run-scheduler';

export interface LocalRunnerDeps {
  readonly config: TriggerConfig;
  readonly stores: ReturnType<typeof openStores>;
  readonly progress: Progress;
  readonly metrics: TrainingMetrics;
  readonly datasetOf: (model: string) => string;
}

export async function createLocalRunner(
  d: LocalRunnerDeps,
): Promise<(r: RunRequest) => Promise<PipelineResult>> {
  const { tf } = await initTf({ purpose: 'training', prefer: d.config[ENV.tfBackend] });
  return ({ model, reason, datasetVersion }) =>
    runPipeline(
      {
        tf,
        ...d.stores,
        progress: d.progress,
        onThroughput: (phase, ips) => d.metrics.recordThroughput(model, phase, ips),
      },
      {
        model,
        dataset: d.datasetOf(model),
        datasetVersion,
        train: DEFAULT_TRAINING.train,
        gate: DEFAULT_TRAINING.gate,
        trigger: reason,
      },
    );
}
