// `mlops dataset synth` (also `mlops dataset-synth`): generates the reproducible synthetic
// detection dataset (training/src/synth) from the skimage photographs into a local directory.
// It attaches to the `dataset` command when that is registered before it, else stands alone.
import * as path from 'node:path';
import { Command } from 'commander';
import { ensurePhotos } from '../../core/sample-photos';
import { LOCAL_DATA_DIR } from '../../core/contract';
import { DEFAULT_SYNTH, synthesizeDataset } from '../../training/src/synth/synth-dataset';
import { ENV } from '../../core/contract';
import { DatasetRegistry } from '../../core/datasets';
import { defaultDatasetsUri } from '../../core/registry/local-paths';
import { openStorage } from '../../core/storage/open-storage';
import { s3OptionsFromEnv } from '../../core/storage/s3-options';
import { publishLocalDataset } from '../../training/src/synth/publish-local';
import { CliError } from '../errors';

interface Options {
  seed: string;
  images: string;
  size: string;
  out?: string;
  name: string;
  json?: boolean;
  publish: boolean;
}

function integer(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new CliError(`${flag} must be an integer, got "${value}"`, 2);
  return n;
}

async function run(o: Options): Promise<void> {
  const photos = ensurePhotos();
  if (!photos.dir) throw new CliError(photos.missing ?? 'photos unavailable', 1);
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(o.name))
    throw new CliError(`--name must be lowercase letters, digits and dashes, got "${o.name}"`, 2);
  const outDir = path.resolve(o.out ?? path.join(LOCAL_DATA_DIR, 'synth', o.name));
  const started = Date.now();
  let result;
  try {
    result = await synthesizeDataset({
      ...DEFAULT_SYNTH,
      seed: integer(o.seed, '--seed'),
      images: integer(o.images, '--images'),
      size: integer(o.size, '--size'),
      photosDir: photos.dir,
      outDir,
    });
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('synth option'))
      throw new CliError(error.message, 2);
    throw error;
  }
  const seconds = (Date.now() - started) / 1000;
  let published: { version: number; fingerprint: string } | undefined;
  if (o.publish) {
    const uri = process.env[ENV.datasetsUri] ?? defaultDatasetsUri();
    const registry = new DatasetRegistry(
      openStorage(uri, { s3: s3OptionsFromEnv(process.env), argument: ENV.datasetsUri }),
    );
    const m = await publishLocalDataset(
      registry,
      o.name,
      outDir,
      `synthetic shapes, seed ${o.seed}`,
    );
    published = { version: m.version, fingerprint: m.fingerprint };
  }
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ ...result, seconds, published })}\n`);
    return;
  }
  const s = result.splits;
  process.stdout.write(
    `synthetic dataset in ${outDir} (${seconds.toFixed(1)} s): classes ${result.classes.join(', ')}; ` +
      `train ${s.train.images} images/${s.train.annotations} boxes, val ${s.val.images}/${s.val.annotations}, ` +
      `test ${s.test.images}/${s.test.annotations}\n`,
  );
  if (published)
    process.stdout.write(
      `published dataset ${o.name} v${published.version} (fingerprint ${published.fingerprint.slice(0, 12)})\n`,
    );
}

function configure(command: Command): Command {
  return command
    .description('generate a seeded synthetic detection dataset (shapes on real photographs)')
    .option('--seed <n>', 'random seed', String(DEFAULT_SYNTH.seed))
    .option('--images <n>', 'number of images over all splits', String(DEFAULT_SYNTH.images))
    .option('--size <px>', 'side of the square images', String(DEFAULT_SYNTH.size))
    .option('--name <name>', 'dataset name', 'shapes')
    .option('--out <dir>', `output directory (default ${LOCAL_DATA_DIR}/synth/<name>)`)
    .option('--no-publish', 'only write the directory, do not publish a dataset version')
    .option('--json', 'print the result as JSON')
    .action((o: Options) => run(o));
}

export function registerDatasetSynth(program: Command): void {
  // The old spelling keeps working but is no longer listed in --help.
  configure(program.command('dataset-synth', { hidden: true }));
  const dataset = program.commands.find((c) => c.name() === 'dataset');
  if (dataset) configure(dataset.command('synth'));
}
