// `mlops train`: runs the continuous-training pipeline once (manual trigger) — ingest a dataset
// version, validate, train, evaluate, register, gate — or resumes a killed run with --resume.
import type { Command } from 'commander';
import { ENV } from '../../core/contract';
import {
  defaultDatasetsUri,
  defaultMetadataUri,
  defaultRegistryUri,
} from '../../core/registry/local-paths';
import { s3OptionsFromEnv } from '../../core/storage/s3-options';
import { initTf, parseBackendName } from '../../core/tf/backend';
import {
  CPU_TRAINING,
  DEFAULT_TRAINING,
  smallTrainingConfig,
  parseTrainingOptions,
  type TrainingFlags,
} from '../../training/src/pipeline/options';
import { openStores } from '../../training/src/pipeline/locations';
import { createProgress } from '../../training/src/pipeline/progress';
import { runPipeline } from '../../training/src/pipeline/run-pipeline';
import { CliError } from '../errors';
import { mapped, positiveInt } from '../registry/errors';

interface Options extends Omit<TrainingFlags, 'epochs'> {
  epochs?: string;
  model: string;
  dataset: string;
  datasetVersion?: string;
  resume?: string;
  trigger: string;
  json?: boolean;
}

async function run(o: Options): Promise<void> {
  const datasetVersion =
    o.datasetVersion === undefined ? undefined : positiveInt('--dataset-version', o.datasetVersion);
  let parsed;
  try {
    parsed = parseTrainingOptions({
      ...o,
      epochs: o.epochs ?? String(DEFAULT_TRAINING.train.epochs),
    });
  } catch (error) {
    throw new CliError((error as Error).message, 2);
  }
  const env = process.env;
  const stores = openStores(
    {
      registry: env[ENV.registryUri] ?? defaultRegistryUri(),
      datasets: env[ENV.datasetsUri] ?? defaultDatasetsUri(),
      metadata: env[ENV.metadataUri] ?? defaultMetadataUri(),
    },
    s3OptionsFromEnv(env),
  );
  const { tf, backend } = await initTf({
    purpose: 'training',
    prefer: parseBackendName(env[ENV.tfBackend], ENV.tfBackend),
  });
  const progress = createProgress(Boolean(process.stderr.isTTY) && !o.json, (l) =>
    process.stderr.write(l),
  );
  let train = parsed.train;
  if (backend !== 'tensorflow') {
    // Without native TensorFlow every epoch is ~20× slower: a small configuration keeps runs finite.
    train = smallTrainingConfig(train, o.epochs !== undefined);
    progress.log('small-config', {
      backend,
      epochs: train.epochs,
      message: `training on the ${backend} backend (no native TensorFlow): small configuration, ${train.epochs} epochs`,
    });
  }
  const result = await runPipeline(
    { tf, ...stores, progress },
    {
      model: o.model,
      dataset: o.dataset,
      datasetVersion,
      train,
      gate: parsed.gate,
      trigger: o.trigger.slice(0, 200),
      runId: o.resume,
    },
  );
  if (o.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const m = result.metrics;
  process.stdout.write(
    `run ${result.runId}: ${o.model} v${result.version} on ${o.dataset} v${result.datasetVersion} — ` +
      `AP@[.50:.95] ${m.AP!.toFixed(3)}, AP@.50 ${m.AP50!.toFixed(3)}, trained in ${result.trainSeconds.toFixed(1)} s\n` +
      `gate: ${result.gate.promote ? 'promoted to staging' : 'not promoted'} (${result.gate.reasons.join('; ')})\n`,
  );
}

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description(
      'run the training pipeline: ingest → validate → train → evaluate → register → gate',
    )
    .requiredOption('--model <name>', 'model name in the registry')
    .requiredOption('--dataset <name>', 'dataset name')
    .option('--dataset-version <n>', 'dataset version (default: latest)')
    .option(
      '--epochs <n>',
      `epochs (default: ${DEFAULT_TRAINING.train.epochs}; ${CPU_TRAINING.epochs} on the cpu backend)`,
    )
    .option('--batch-size <n>', 'images per step', String(DEFAULT_TRAINING.train.batchSize))
    .option(
      '--learning-rate <x>',
      'Adam learning rate',
      String(DEFAULT_TRAINING.train.learningRate),
    )
    .option('--seed <n>', 'seed (image order)', String(DEFAULT_TRAINING.train.seed))
    .option('--gate-metric <m>', 'AP, AP50 or AP75', DEFAULT_TRAINING.gate.metric)
    .option(
      '--gate-margin <x>',
      'required improvement over production',
      String(DEFAULT_TRAINING.gate.margin),
    )
    .option(
      '--class-tolerance <x>',
      'largest allowed per-class AP drop',
      String(DEFAULT_TRAINING.gate.classTolerance),
    )
    .option('--trigger <reason>', 'why this run starts (recorded in the run metadata)', 'manual')
    .option('--resume <runId>', 'resume a killed run from its last checkpoint')
    .option('--json', 'print the result as JSON (logs stay JSON on stderr)')
    .action(mapped((o: Options) => run(o)));
}
