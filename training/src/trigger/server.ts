// The trigger webhook process (local mode): reads its settings once, runs each triggered pipeline
// in this process with the default training settings (dataset = model name, latest version), and
// closes gracefully on SIGTERM. `npx tsx training/src/trigger/server.ts`
import { ENV } from '../../../core/contract';
import { s3OptionsFromEnv } from '../../../core/storage/s3-options';
import { initTf } from '../../../core/tf/backend';
import { openStores } from '../pipeline/locations';
import { DEFAULT_TRAINING } from '../pipeline/options';
import { createProgress } from '../pipeline/progress';
import { runPipeline } from '../pipeline/run-pipeline';
import { parseTriggerConfig } from './config';
import { createTrainingMetrics } from './metrics';
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
  const app = buildTriggerApp({
    token,
    metrics,
    startRun: (model, reason) =>
      runPipeline(
        {
          tf,
          ...stores,
          progress,
          onThroughput: (phase, ips) => metrics.recordThroughput(model, phase, ips),
        },
        {
          model,
          dataset: model,
          train: DEFAULT_TRAINING.train,
          gate: DEFAULT_TRAINING.gate,
          trigger: reason,
        },
      ),
    onError: (model, error) =>
      progress.log('run-failed', {
        model,
        error: error instanceof Error ? error.message : String(error),
      }),
  });
  await app.listen({ port, host: config[ENV.host] });
  progress.log('listening', { port });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `training trigger: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
