// A throwaway training workspace for the pipeline tests: registry, dataset and metadata stores
// under one temporary directory, the environment that points `mlops train` children at them, and
// a synthetic dataset (composited on the sample photos) published as dataset `shapes`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENV } from '../../core/contract';
import { ensurePhotos } from '../../core/sample-photos';
import { openStores } from '../../training/src/pipeline/locations';
import { publishLocalDataset } from '../../training/src/synth/publish-local';
import {
  DEFAULT_SYNTH,
  synthesizeDataset,
  type SynthOptions,
} from '../../training/src/synth/synth-dataset';

export const SYNTH_DATASET = 'shapes';

export interface TrainingWorkspace {
  readonly root: string;
  readonly stores: ReturnType<typeof openStores>;
  /** Store locations for a child process (`mlops train`), on top of this process's env. */
  readonly env: NodeJS.ProcessEnv;
  /** Synthesizes a dataset into root/synth and publishes it; returns that directory. */
  publishSynthetic(
    options: Partial<Omit<SynthOptions, 'photosDir' | 'outDir'>>,
    note: string,
  ): Promise<string>;
  remove(): void;
}

export function trainingWorkspace(prefix: string): TrainingWorkspace {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const uri = (p: string) => pathToFileURL(path.join(root, p)).href;
  const uris = { registry: uri('registry'), datasets: uri('datasets'), metadata: uri('metadata') };
  const stores = openStores(uris);
  return {
    root,
    stores,
    env: {
      ...process.env,
      [ENV.registryUri]: uris.registry,
      [ENV.datasetsUri]: uris.datasets,
      [ENV.metadataUri]: uris.metadata,
    },
    async publishSynthetic(options, note) {
      const outDir = path.join(root, 'synth');
      const photosDir = ensurePhotos().dir;
      if (!photosDir) throw new Error('sample photos missing (the suite should have skipped)');
      await synthesizeDataset({ ...DEFAULT_SYNTH, ...options, photosDir, outDir });
      await publishLocalDataset(stores.datasets, SYNTH_DATASET, outDir, note);
      return outDir;
    },
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
