// The trigger webhook process: reads its settings once, then either runs each triggered pipeline
// in this process (local mode) or, when MLOPS_TRAINING_JOB_TEMPLATE is set, creates a Kubernetes
// Job per run from that template (in-cluster mode). It also polls the dataset store for new
// versions of the watched models' datasets, and closes gracefully on SIGTERM.
// `npx tsx training/src/trigger/server.ts`
import { ENV } from '../../../core/contract';
import { s3OptionsFromEnv } from '../../../core/storage/s3-options';
import { openStores } from '../pipeline/locations';
import { createProgress } from '../pipeline/progress';
import { parseTriggerConfig } from './config';
import { createDatasetWatcher } from './dataset-watcher';
import { createJobLauncher, ModelJobActiveError, readJobTemplate } from './kube/job-launcher';
import { createKubeClient, inClusterConnection } from './kube/kube-client';
import { createLocalRunner } from './local-runner';
import { createTrainingMetrics } from './metrics';
import { createRunScheduler, type RunRequest } from './run-scheduler';
import { buildTriggerApp } from './trigger-app';

/** How often an in-cluster run's Job is checked for completion. */
const JOB_POLL_MS = 15_000;

async function main(): Promise<void> {
  const env = process.env;
  const config = parseTriggerConfig(env);
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
  const templateFile = config[ENV.trainingJobTemplate];
  const startRun: (r: RunRequest) => Promise<unknown> = templateFile
    ? createJobLauncher(createKubeClient(inClusterConnection(env)), readJobTemplate(templateFile), {
        pollMs: JOB_POLL_MS,
        datasetOf,
        onCreated: (job, r) => progress.log('job-created', { job, ...r }),
      })
    : await createLocalRunner({ config, stores, progress, metrics, datasetOf });
  let forget: (model: string) => void = () => undefined;
  const scheduler = createRunScheduler({
    metrics,
    startRun,
    onError: (model, error) => progress.log('run-failed', { model, error: message(error) }),
    isBusy: (error) => error instanceof ModelJobActiveError,
    onBusy: (r) => {
      forget(r.model);
      progress.log('model-busy', { ...r });
    },
  });
  const app = buildTriggerApp({ token: config[ENV.triggerToken], metrics, scheduler });
  const interval = config[ENV.datasetPollIntervalMs];
  let stopWatching = () => undefined as void;
  if (watched.length > 0 && interval > 0) {
    const watcher = createDatasetWatcher({
      datasets: stores.datasets,
      runs: stores.runs,
      watched,
      trigger: (source, request) => {
        const status = scheduler.trigger(source, request);
        progress.log('dataset-trigger', { ...request, status });
        return status;
      },
      onError: (error) => progress.log('dataset-poll-failed', { error: message(error) }),
    });
    forget = watcher.forget;
    stopWatching = watcher.start(interval);
  }
  await app.listen({ port: config[ENV.port], host: config[ENV.host] });
  progress.log('listening', {
    port: config[ENV.port],
    mode: templateFile ? 'kubernetes-job' : 'in-process',
    watching: watched,
    pollIntervalMs: interval,
  });
  process.once('SIGTERM', () => {
    stopWatching();
    void app.close().then(() => process.exit(0));
  });
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

main().catch((error: unknown) => {
  process.stderr.write(`training trigger: ${message(error)}\n`);
  process.exitCode = 1;
});
