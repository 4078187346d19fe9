// The trigger webhook process (local mode): reads its settings once, runs each triggered pipeline
// in this process with the default training settings (dataset = model name unless
// MLOPS_WATCH_MODELS maps it), polls the dataset store for new versions of the watched models'
// datasets, and closes gracefully on SIGTERM. `npx tsx training/src/trigger/server.ts`
import { ENV } from '../../../core/contract';
import { s3OptionsFromEnv } from '../../../core/storage/s3-options';
import { initTf } from '../../../core/tf/backend';
import { openStores } from '../pipeline/locations';
import { DEFAULT_TRAINING } from '../pipeline/options';
import { createProgress } from '../pipeline/progress';
import { runPipeline } from '../pipeline/run-pipeline';
import { parseTriggerConfig } from './config';
import { createTrainingMetrics } from './metrics';
import { createDatasetWatcher } from './dataset-watcher';
import { createRunScheduler } from './run-scheduler';
import { buildTriggerApp } from './trigger-app';

async function main(): Promise<void> {
  const env = process.env;
  const config = parseTriggerConfig(env);
  const token = config[ENV.triggerToken];
  const port = config[ENV.port];
  const { tf } = await initTf({ purpose: 'training', prefer: config[ENV.tfBackend] });
  const stores = openStores(
    {
      registry: config[ENV.registryUri],
      datasets: config[ENV.datasetsUri],
      metadata: config[ENV.metadataUri],
    },
    s3OptionsFromEnv(env),
  );
  const progress = createProgress(false, (l) => process.stdout.write(l));
  const metrics = createTrainingMetrics();
  const watched = config[ENV.watchModels];
  const datasetOf = (model: string) => watched.find((w) => w.model === model)?.dataset ?? model;
  const scheduler = createRunScheduler({
    metrics,
    startRun: ({ model, reason, datasetVersion }) =>
      runPipeline(
        {
          tf,
          ...stores,
          progress,
          onThroughput: (phase, ips) => metrics.recordThroughput(model, phase, ips),
        },
        {
          model,
          dataset: datasetOf(model),
          datasetVersion,
          train: DEFAULT_TRAINING.train,
          gate: DEFAULT_TRAINING.gate,
          trigger: reason,
        },
      ),
    onError: (model, error) => progress.log('run-failed', { model, error: message(error) }),
  });
  const app = buildTriggerApp({ token, metrics, scheduler });
  const interval = config[ENV.datasetPollIntervalMs];
  const stopWatching =
    watched.length > 0 && interval > 0
      ? createDatasetWatcher({
          datasets: stores.datasets,
          runs: stores.runs,
          watched,
          trigger: (source, request) => {
            const status = scheduler.trigger(source, request);
            progress.log('dataset-trigger', { ...request, status });
            return status;
          },
          onError: (error) => progress.log('dataset-poll-failed', { error: message(error) }),
        }).start(interval)
      : () => undefined;
  await app.listen({ port, host: config[ENV.host] });
  progress.log('listening', { port, watching: watched, pollIntervalMs: interval });
  process.once('SIGTERM', () => {
    stopWatching();
    void app.close().then(() => process.exit(0));
  });
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

main().catch((error: unknown) => {
  process.stderr.write(
    `training trigger: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
