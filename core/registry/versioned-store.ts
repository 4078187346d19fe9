// A versioned collection of named artefacts on Storage (models and datasets share it). Publishing
// is atomic: files are uploaded under a staging prefix and their sha256 verified, a version number
// is reserved with a create-only write (no two publishers get the same one), the files are copied
// into the version directory and verified again, and only then the COMMITTED marker is written.
// Readers only ever see committed versions, so a crash at any point leaves nothing half visible.
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  InvalidArgumentError,
  validateName,
  validateRelativeFile,
  validateVersion,
} from '../storage/keys';
import type { Storage } from '../storage/types';
import { NotFoundError, PreconditionFailedError } from '../storage/types';
import type { CollectionKind } from './layout';
import {
  CLAIMED,
  COMMITTED,
  METADATA_FILE,
  UPLOAD,
  checkFileName,
  nameDir,
  parseVersionKey,
  stagingDir,
  versionDir,
} from './layout';

/** Files to publish: contents, or paths of local files to read. */
export type PublishFiles = Readonly<Record<string, Buffer | string>>;

export interface FileDigest {
  readonly sha256: string;
  readonly size: number;
}

export class ChecksumMismatchError extends Error {
  constructor(readonly file: string) {
    super(`checksum mismatch for ${file}: the stored copy differs from what was uploaded`);
    this.name = 'ChecksumMismatchError';
  }
}

/** Called once the version number is known; returns the metadata.json object to store. */
export type BuildMetadata<M> = (
  version: number,
  files: Record<string, FileDigest>,
  createdAt: string,
) => M;

/** Test seam: lets the crash-injection test stop a publisher between named steps. */
export type StepHook = (step: string) => void | Promise<void>;

export class VersionedStore<M> {
  constructor(
    readonly storage: Storage,
    readonly kind: CollectionKind,
    private readonly onStep: StepHook = () => undefined,
  ) {}

  async publish(name: string, files: PublishFiles, build: BuildMetadata<M>): Promise<number> {
    validateName('name', name);
    const entries = Object.entries(files);
    if (entries.length === 0)
      throw new InvalidArgumentError('files', 'at least one file is required');
    for (const [file] of entries) {
      validateRelativeFile('file', file);
      checkFileName(file);
    }
    const upload = `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
    const staging = stagingDir(this.kind, name, upload);
    await this.storage.put(staging + UPLOAD, json({ startedAt: new Date().toISOString() }));
    await this.onStep('staging-started');

    const digests: Record<string, FileDigest> = {};
    for (const [file, source] of entries) {
      const body = typeof source === 'string' ? await readFile(source) : source;
      digests[file] = { sha256: sha256(body), size: body.length };
      await this.storage.put(staging + file, body);
      await this.onStep('staged-file');
    }
    for (const file of Object.keys(digests)) await this.verify(staging + file, digests[file], file);
    await this.onStep('staging-verified');

    const version = await this.claimVersion(name, upload);
    await this.onStep('claimed');
    const dir = versionDir(this.kind, name, version);
    for (const file of Object.keys(digests)) {
      await this.storage.copy(staging + file, dir + file);
      await this.onStep('copied-file');
    }
    for (const file of Object.keys(digests)) await this.verify(dir + file, digests[file], file);
    const metadata = build(version, digests, new Date().toISOString());
    const metaBody = json(metadata);
    await this.storage.put(dir + METADATA_FILE, metaBody);
    await this.onStep('metadata-written');

    // Our claim must still be ours (gc removes claims abandoned longer than its grace period).
    const claim = await this.storage.get(dir + CLAIMED).catch(() => undefined);
    if (!claim || (JSON.parse(claim.toString()) as { upload: string }).upload !== upload)
      throw new Error(`version ${version} of ${name} was reclaimed while publishing; retry`);
    await this.storage.put(
      dir + COMMITTED,
      json({ committedAt: new Date().toISOString(), metadataSha256: sha256(metaBody) }),
      { ifNoneMatch: true },
    );
    await this.onStep('committed');
    await this.deletePrefix(staging);
    return version;
  }

  /** Names with at least one committed version, sorted. */
  async listNames(): Promise<string[]> {
    const names = new Set<string>();
    for (const o of await this.storage.list(`${this.kind}/`)) {
      const parsed = parseVersionKey(this.kind, o.key);
      if (parsed?.rest === COMMITTED) names.add(parsed.name);
    }
    return [...names].sort();
  }

  /** Committed versions of a name, ascending; empty when the name is unknown. */
  async listVersions(name: string): Promise<number[]> {
    validateName('name', name);
    const versions: number[] = [];
    for (const o of await this.storage.list(nameDir(this.kind, name))) {
      const parsed = parseVersionKey(this.kind, o.key);
      if (parsed?.rest === COMMITTED) versions.push(parsed.version);
    }
    return versions.sort((a, b) => a - b);
  }

  async isCommitted(name: string, version: number): Promise<boolean> {
    validateName('name', name);
    validateVersion('version', version);
    return (
      (await this.storage.head(versionDir(this.kind, name, version) + COMMITTED)) !== undefined
    );
  }

  async getMetadata(name: string, version: number): Promise<M> {
    await this.requireCommitted(name, version);
    const key = versionDir(this.kind, name, version) + METADATA_FILE;
    const body = await this.storage.get(key);
    let doc: unknown;
    try {
      doc = JSON.parse(body.toString('utf8'));
    } catch (error) {
      throw new Error(`${key} is corrupt: ${(error as Error).message}`);
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      throw new Error(`${key} is corrupt: not a JSON object`);
    }
    return doc as M;
  }

  async readFile(name: string, version: number, file: string): Promise<Buffer> {
    validateRelativeFile('file', file);
    await this.requireCommitted(name, version);
    return this.storage.get(versionDir(this.kind, name, version) + file);
  }

  /** Highest version number in use (committed or reserved), 0 when none. */
  async highestVersion(name: string): Promise<number> {
    let max = 0;
    for (const o of await this.storage.list(nameDir(this.kind, name))) {
      const parsed = parseVersionKey(this.kind, o.key);
      if (parsed && parsed.version > max) max = parsed.version;
    }
    return max;
  }

  async deletePrefix(prefix: string, last?: string): Promise<void> {
    const objects = await this.storage.list(prefix);
    const ordered = [
      ...objects.filter((o) => o.key !== last),
      ...objects.filter((o) => o.key === last),
    ];
    for (const o of ordered) await this.storage.delete(o.key);
  }

  private async claimVersion(name: string, upload: string): Promise<number> {
    let version = (await this.highestVersion(name)) + 1;
    for (let attempt = 0; attempt < 1000; attempt++, version++) {
      try {
        await this.storage.put(
          versionDir(this.kind, name, version) + CLAIMED,
          json({ upload, claimedAt: new Date().toISOString() }),
          { ifNoneMatch: true },
        );
        return version;
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
      }
    }
    throw new Error(`could not reserve a version number for ${name}`);
  }

  private async verify(key: string, expected: FileDigest, file: string): Promise<void> {
    const body = await this.storage.get(key);
    if (body.length !== expected.size || sha256(body) !== expected.sha256)
      throw new ChecksumMismatchError(file);
  }

  private async requireCommitted(name: string, version: number): Promise<void> {
    if (!(await this.isCommitted(name, version)))
      throw new NotFoundError(`${this.kind}/${name}/${version}`);
  }
}

export function sha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
}
