// The model registry: TF Serving-style versioned base paths on any Storage. Serving reads it
// (it satisfies serving's ModelSource), training publishes to it, the CLI and the PR workflow
// query it. Publishing is atomic (see VersionedStore); aliases move by compare-and-swap.
import { createHash } from 'node:crypto';
import { InvalidArgumentError, validateName, validateVersion } from '../storage/keys';
import type { Storage } from '../storage/types';
import { AliasStore, type AliasRecord } from './aliases';
import { diffModels, type ModelDiff } from './diff';
import { applyRetention, collectGarbage, type GcOptions, type GcReport } from './garbage';
import { ALIASES_DIR, COMMITTED, nameDir, parseVersionKey } from './layout';
import type { ModelMetadata } from './types';
import { VersionedStore, type PublishFiles, type StepHook } from './versioned-store';

/** What a publisher provides; the registry fills in version, createdAt and file checksums. */
export type ModelMetadataInput = Omit<ModelMetadata, 'version' | 'createdAt' | 'files' | 'name'> & {
  /** Optional; must equal the published name when given. */
  readonly name?: string;
};

export interface ResolveOptions {
  readonly version?: number;
  readonly alias?: string;
}

export interface RegistryOptions {
  /** Test seam for crash injection. */
  readonly onStep?: StepHook;
}

export class ModelRegistry {
  private readonly store: VersionedStore<ModelMetadata>;
  private readonly aliases: AliasStore;

  constructor(
    readonly storage: Storage,
    options: RegistryOptions = {},
  ) {
    this.store = new VersionedStore<ModelMetadata>(storage, 'models', options.onStep);
    this.aliases = new AliasStore(storage, 'models');
  }

  /** Publishes a new version atomically and returns its number. */
  async publish(name: string, files: PublishFiles, metadata: ModelMetadataInput): Promise<number> {
    if (metadata.name !== undefined && metadata.name !== name)
      throw new InvalidArgumentError(
        'metadata.name',
        `${metadata.name} differs from the published name ${name}`,
      );
    if (!Object.prototype.hasOwnProperty.call(files, metadata.entry))
      throw new InvalidArgumentError(
        'metadata.entry',
        `${metadata.entry} is not among the published files`,
      );
    return this.store.publish(name, files, (version, digests, createdAt) => ({
      ...metadata,
      name,
      version,
      createdAt,
      files: digests,
    }));
  }

  async listModels(): Promise<string[]> {
    return this.store.listNames();
  }

  async listVersions(name: string): Promise<number[]> {
    return this.store.listVersions(name);
  }

  async getMetadata(name: string, version: number): Promise<ModelMetadata> {
    return this.store.getMetadata(name, validateVersion('version', version));
  }

  async readFile(name: string, version: number, file: string): Promise<Buffer> {
    return this.store.readFile(name, validateVersion('version', version), file);
  }

  /** A version by number, by alias, or the latest committed one when neither is given. */
  async resolve(name: string, options: ResolveOptions = {}): Promise<number> {
    validateName('name', name);
    if (options.version !== undefined && options.alias !== undefined)
      throw new InvalidArgumentError('resolve', 'give either version or alias, not both');
    if (options.version !== undefined) {
      const version = validateVersion('version', options.version);
      if (!(await this.store.isCommitted(name, version)))
        throw new RegistryNotFoundError(`model ${name} has no version ${version}`);
      return version;
    }
    if (options.alias !== undefined) {
      const version = await this.resolveAlias(name, options.alias);
      if (version === undefined)
        throw new RegistryNotFoundError(`model ${name} has no alias ${options.alias}`);
      return version;
    }
    const versions = await this.listVersions(name);
    if (versions.length === 0) throw new RegistryNotFoundError(`model ${name} has no versions`);
    return versions[versions.length - 1];
  }

  /** The version an alias points at (serving's ModelSource contract). */
  async resolveAlias(name: string, alias: string): Promise<number | undefined> {
    validateName('name', name);
    return (await this.aliases.get(name, alias))?.version;
  }

  async getAlias(name: string, alias: string): Promise<AliasRecord | undefined> {
    validateName('name', name);
    return this.aliases.get(name, alias);
  }

  async listAliases(name: string): Promise<AliasRecord[]> {
    validateName('name', name);
    return this.aliases.list(name);
  }

  /** Moves an alias to a committed version (compare-and-swap; see AliasStore.set). */
  async setAlias(
    name: string,
    alias: string,
    version: number,
    options: { expectedVersion?: number | null } = {},
  ): Promise<AliasRecord> {
    validateName('name', name);
    validateName('alias', alias);
    validateVersion('version', version);
    if (!(await this.store.isCommitted(name, version)))
      throw new RegistryNotFoundError(`model ${name} has no version ${version}`);
    return this.aliases.set(name, alias, version, options.expectedVersion);
  }

  /** Moves an alias back to the previous version it pointed at that still exists. */
  async rollback(name: string, alias: string): Promise<{ from: number; to: number }> {
    validateName('name', name);
    return this.aliases.rollback(name, alias, (v) => this.store.isCommitted(name, v));
  }

  async diff(a: ModelRef, b: ModelRef): Promise<ModelDiff> {
    return diffModels(
      await this.getMetadata(a.name, a.version),
      await this.getMetadata(b.name, b.version),
    );
  }

  /** Removes abandoned staging uploads and never-committed versions older than the grace period. */
  async gc(options: GcOptions = {}): Promise<GcReport> {
    return collectGarbage(this.store, options);
  }

  /** Keeps the `keep` latest versions plus every version an alias points at; returns deletions. */
  async applyRetention(name: string, keep: number): Promise<number[]> {
    const aliased = new Set((await this.listAliases(name)).map((a) => a.version));
    return applyRetention(this.store, name, keep, aliased);
  }

  /**
   * A cheap change token for watchers: changes whenever a version is committed or removed or an
   * alias moves (one listing of the model's prefix).
   */
  async revision(name: string): Promise<string> {
    validateName('name', name);
    const hash = createHash('sha256');
    const prefix = nameDir('models', name);
    for (const o of await this.storage.list(prefix)) {
      const committed = parseVersionKey('models', o.key)?.rest === COMMITTED;
      if (committed || o.key.startsWith(`${prefix}${ALIASES_DIR}/`))
        hash.update(`${o.key}\u0000${o.etag}\n`);
    }
    return hash.digest('hex').slice(0, 16);
  }
}

export interface ModelRef {
  readonly name: string;
  readonly version: number;
}

export class RegistryNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryNotFoundError';
  }
}
