// Versioned datasets on storage: COCO annotations per split plus the images, published atomically
// like model versions (datasets/<name>/<version>/{annotations/<split>.json, images/…,
// metadata.json}). The manifest carries a content fingerprint (sha256 over every file's path and
// digest), so a model's lineage names exactly the data it saw and identical data fingerprints
// identically whatever its version number.
import { createHash } from 'node:crypto';
import { validateName, validateVersion } from '../storage/keys';
import type { Storage } from '../storage/types';
import { collectGarbage, type GcOptions, type GcReport } from '../registry/garbage';
import { RegistryNotFoundError } from '../registry/model-registry';
import { VersionedStore, type FileDigest, type StepHook } from '../registry/versioned-store';
import { type CocoDataset, InvalidDatasetError, validateCoco } from './coco';

export interface DatasetManifest {
  readonly name: string;
  readonly version: number;
  readonly createdAt: string;
  /** sha256 over the sorted "path sha256" lines of every file: the dataset's identity. */
  readonly fingerprint: string;
  readonly splits: Readonly<
    Record<string, { readonly images: number; readonly annotations: number }>
  >;
  readonly categories: readonly { readonly id: number; readonly name: string }[];
  readonly description?: string;
  readonly source?: string;
  readonly files: Readonly<Record<string, FileDigest>>;
}

export interface DatasetInput {
  /** COCO annotations per split (e.g. train, val, test). */
  readonly splits: Readonly<Record<string, CocoDataset>>;
  /** Image contents or local paths, keyed by COCO file_name. */
  readonly images: Readonly<Record<string, Buffer | string>>;
  readonly description?: string;
  readonly source?: string;
}

export class DatasetRegistry {
  private readonly store: VersionedStore<DatasetManifest>;

  constructor(
    readonly storage: Storage,
    options: { onStep?: StepHook } = {},
  ) {
    this.store = new VersionedStore<DatasetManifest>(storage, 'datasets', options.onStep);
  }

  async publishDataset(name: string, input: DatasetInput): Promise<DatasetManifest> {
    validateName('name', name);
    const files: Record<string, Buffer | string> = {};
    const splits: Record<string, { images: number; annotations: number }> = {};
    const categories = new Map<number, string>();
    const splitNames = Object.keys(input.splits);
    if (splitNames.length === 0) throw new InvalidDatasetError('at least one split is required');
    for (const split of splitNames) {
      validateName('split', split);
      const data = input.splits[split];
      for (const fileName of validateCoco(split, data)) {
        if (input.images[fileName] === undefined)
          throw new InvalidDatasetError(`split ${split}: image file ${fileName} was not provided`);
        files[`images/${fileName}`] = input.images[fileName];
      }
      for (const c of data.categories) categories.set(c.id, c.name);
      splits[split] = { images: data.images.length, annotations: data.annotations.length };
      files[`annotations/${split}.json`] = Buffer.from(JSON.stringify(data));
    }
    const version = await this.store.publish(name, files, (v, digests, createdAt) => ({
      name,
      version: v,
      createdAt,
      fingerprint: fingerprintOf(digests),
      splits,
      categories: [...categories].map(([id, n]) => ({ id, name: n })).sort((a, b) => a.id - b.id),
      description: input.description,
      source: input.source,
      files: digests,
    }));
    return this.store.getMetadata(name, version);
  }

  async listDatasets(): Promise<string[]> {
    return this.store.listNames();
  }

  async listVersions(name: string): Promise<number[]> {
    return this.store.listVersions(name);
  }

  /** The manifest of a version, or of the latest committed version when none is given. */
  async getDataset(name: string, version?: number): Promise<DatasetManifest> {
    validateName('name', name);
    if (version === undefined) {
      const versions = await this.store.listVersions(name);
      if (versions.length === 0) throw new RegistryNotFoundError(`dataset ${name} has no versions`);
      version = versions[versions.length - 1];
    }
    return this.store.getMetadata(name, validateVersion('version', version));
  }

  async readAnnotations(name: string, version: number, split: string): Promise<CocoDataset> {
    validateName('split', split);
    const body = await this.store.readFile(
      name,
      validateVersion('version', version),
      `annotations/${split}.json`,
    );
    return JSON.parse(body.toString('utf8')) as CocoDataset;
  }

  async readImage(name: string, version: number, fileName: string): Promise<Buffer> {
    return this.store.readFile(name, validateVersion('version', version), `images/${fileName}`);
  }

  async gc(options: GcOptions = {}): Promise<GcReport> {
    return collectGarbage(this.store, options);
  }
}

export function fingerprintOf(digests: Readonly<Record<string, FileDigest>>): string {
  const lines = Object.keys(digests)
    .sort()
    .map((file) => `${file} ${digests[file].sha256}\n`);
  return `sha256:${createHash('sha256').update(lines.join('')).digest('hex')}`;
}
