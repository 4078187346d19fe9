// The trigger webhook process (local mode): reads its settings once, runs each triggered pipeline
// in this process with the default training settings (dataset = model name, latest version), and
// closes gracefully on SIGTERM. `npx tsx training/src/trigger/server.ts`
import * as fs from 'node:fs';
import { ENV, TRAINING_TRIGGER_PORT } from '../../../core/contract';
import {
  defaultDatasetsUri,
  defaultMetadataUri,
  defaultRegistryUri,
} from '../../../core/registry/local-paths';
import { s3OptionsFromEnv } from '../../../core/storage/s3-options';
import { initTf, parseBackendName } from '../../../core/tf/backend';
import { openStores } from '../pipeline/locations';
import { DEFAULT_TRAINING } from '../pipeline/options';
import { createProgress } from '../pipeline/progress';
import { runPipeline } from '../pipeline/run-pipeline';
import { buildTriggerApp } from './trigger-app';

function readToken(env: NodeJS.ProcessEnv): string {
  const file = env[`${ENV.triggerToken}_FILE`];
  const token = (file ? fs.readFileSync(file, 'utf8') : (env[ENV.triggerToken] ?? '')).trim();
  if (token.length < 16)
    throw new Error(
      `${ENV.triggerToken} (or ${ENV.triggerToken}_FILE) must hold a token of at least 16 characters`,
    );
  return token;
}

async function main(): Promise<void> {
  const env = process.env;
  const token = readToken(env);
  const port = env[ENV.port] ? Number(env[ENV.port]) : TRAINING_TRIGGER_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`${ENV.port} must be a TCP port`);
  const { tf } = await initTf({
    purpose: 'training',
    prefer: parseBackendName(env[ENV.tfBackend], ENV.tfBackend),
  });
  const stores = openStores(
    {
      registry: env[ENV.registryUri] ?? defaultRegistryUri(),
      datasets: env[ENV.datasetsUri] ?? defaultDatasetsUri(),
      metadata: env[ENV.metadataUri] ?? defaultMetadataUri(),
    },
    s3OptionsFromEnv(env),
  );
  const progress = createProgress(false, (l) => process.stdout.write(l));
  const app = buildTriggerApp({
    token,
    startRun: (model, reason) =>
      runPipeline(
        { tf, ...stores, progress },
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
  await app.listen({ port, host: env[ENV.host] ?? '127.0.0.1' });
  progress.log('listening', { port });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `training trigger: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
