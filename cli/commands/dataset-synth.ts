// `mlops dataset synth` (also `mlops dataset-synth`): generates the reproducible synthetic
// detection dataset (training/src/synth) from the skimage photographs into a local directory.
// It attaches to the `dataset` command when that is registered before it, else stands alone.
import * as path from 'node:path';
import { Command } from 'commander';
import { ensurePhotos } from '../../core/sample-photos';
import { LOCAL_DATA_DIR } from '../../core/contract';
import { DEFAULT_SYNTH, synthesizeDataset } from '../../training/src/synth/synth-dataset';
import { CliError } from '../errors';

interface Options {
  seed: string;
  images: string;
  size: string;
  out?: string;
  name: string;
  json?: boolean;
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
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ ...result, seconds })}\n`);
    return;
  }
  const s = result.splits;
  process.stdout.write(
    `synthetic dataset in ${outDir} (${seconds.toFixed(1)} s): classes ${result.classes.join(', ')}; ` +
      `train ${s.train.images} images/${s.train.annotations} boxes, val ${s.val.images}/${s.val.annotations}, ` +
      `test ${s.test.images}/${s.test.annotations}\n`,
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
    .option('--json', 'print the result as JSON')
    .action((o: Options) => run(o));
}

export function registerDatasetSynth(program: Command): void {
  configure(program.command('dataset-synth'));
  const dataset = program.commands.find((c) => c.name() === 'dataset');
  if (dataset) configure(dataset.command('synth'));
}
