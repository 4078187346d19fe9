// A read/import-only ModelSource over the registry's on-disk layout (models/<name>/<version>/
// with metadata.json + COMMITTED, aliases/<alias>.json). It lets `npm start` run on a fresh
// clone with nothing but the local disk; deployments point MLOPS_REGISTRY_URI at the registry.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { ModelMetadata } from '../../../core/registry/types';
import type { ModelSource } from './model-source';

const SAFE = /^[a-z0-9][a-z0-9._-]{0,127}$/;

export class FileModelSource implements ModelSource {
  constructor(readonly root: string) {}

  static fromUri(uri: string): FileModelSource {
    if (!uri.startsWith('file://'))
      throw new Error(`only file:// registry URIs are supported here, got ${uri}`);
    return new FileModelSource(decodeURIComponent(uri.slice('file://'.length)));
  }

  async listVersions(name: string): Promise<number[]> {
    const dir = this.modelDir(name);
    const entries = await fs.readdir(dir).catch(() => [] as string[]);
    const versions: number[] = [];
    for (const e of entries) {
      if (!/^\d+$/.test(e)) continue;
      const committed = await fs.stat(path.join(dir, e, 'COMMITTED')).then(
        () => true,
        () => false,
      );
      if (committed) versions.push(Number(e));
    }
    return versions.sort((a, b) => a - b);
  }

  async getMetadata(name: string, version: number): Promise<ModelMetadata> {
    return JSON.parse(
      await fs.readFile(path.join(this.versionDir(name, version), 'metadata.json'), 'utf8'),
    ) as ModelMetadata;
  }

  async resolveAlias(name: string, alias: string): Promise<number | undefined> {
    if (!SAFE.test(alias)) return undefined;
    const file = path.join(this.modelDir(name), 'aliases', `${alias}.json`);
    const text = await fs.readFile(file, 'utf8').catch(() => undefined);
    return text === undefined ? undefined : (JSON.parse(text) as { version: number }).version;
  }

  async readFile(name: string, version: number, file: string): Promise<Buffer> {
    const dir = this.versionDir(name, version);
    const full = path.resolve(dir, file);
    if (!full.startsWith(dir + path.sep))
      throw new Error(`file ${file} escapes the version directory`);
    return fs.readFile(full);
  }

  /** Publishes a new version (staged directory, then renamed and committed). */
  async publish(
    name: string,
    files: Record<string, string>,
    meta: Omit<ModelMetadata, 'version' | 'createdAt' | 'files'>,
  ): Promise<number> {
    const version = ((await this.listVersions(name)).pop() ?? 0) + 1;
    const staging = path.join(this.modelDir(name), `.staging-${process.pid}-${Date.now()}`);
    await fs.mkdir(staging, { recursive: true });
    const sums: Record<string, { sha256: string; size: number }> = {};
    for (const [rel, src] of Object.entries(files)) {
      const body = await fs.readFile(src);
      await fs.writeFile(path.join(staging, rel), body);
      sums[rel] = { sha256: createHash('sha256').update(body).digest('hex'), size: body.length };
    }
    const metadata: ModelMetadata = {
      ...meta,
      version,
      createdAt: new Date().toISOString(),
      files: sums,
    };
    await fs.writeFile(path.join(staging, 'metadata.json'), JSON.stringify(metadata, null, 2));
    await fs.rename(staging, this.versionDir(name, version));
    await fs.writeFile(path.join(this.versionDir(name, version), 'COMMITTED'), '');
    return version;
  }

  private modelDir(name: string): string {
    if (!SAFE.test(name)) throw new Error(`invalid model name ${JSON.stringify(name)}`);
    return path.join(this.root, 'models', name);
  }

  private versionDir(name: string, version: number): string {
    return path.join(this.modelDir(name), String(version));
  }
}
