// Consistency checks after a publisher was killed: every visible version is complete and
// unaltered, aliases point at visible versions, and gc leaves nothing but committed versions.
import { ModelRegistry, sha256 } from '../../../core/registry';
import type { Storage } from '../../../core/storage/types';
import { sampleFiles } from '../../unit/registry/fixtures';

/** Checks the registry; returns sha256 per committed version/file to compare across runs. */
export async function checkConsistent(
  storage: Storage,
  model: string,
  seen: Map<string, string>,
): Promise<number[]> {
  const registry = new ModelRegistry(storage);
  const versions = await registry.listVersions(model);
  for (const version of versions) {
    const meta = await registry.getMetadata(model, version);
    const tag = String(meta.trainingParams?.tag);
    const expected = sampleFiles(tag, 64 * 1024);
    expect(Object.keys(meta.files).sort()).toEqual(Object.keys(expected).sort());
    for (const [file, digest] of Object.entries(meta.files)) {
      const body = await registry.readFile(model, version, file);
      expect(sha256(body)).toBe(digest.sha256);
      expect(body.equals(expected[file])).toBe(true);
      const key = `${version}/${file}`;
      // nothing published earlier was altered
      if (seen.has(key)) expect(seen.get(key)).toBe(digest.sha256);
      seen.set(key, digest.sha256);
    }
  }
  // every version seen before is still there
  for (const key of seen.keys()) expect(versions).toContain(Number(key.split('/')[0]));
  const alias = await registry.resolveAlias(model, 'production');
  if (alias !== undefined) expect(versions).toContain(alias);
  return versions;
}

/** Runs gc with no grace period and checks only committed versions and aliases remain. */
export async function gcLeavesOnlyCommitted(storage: Storage, model: string): Promise<number> {
  const registry = new ModelRegistry(storage);
  const report = await registry.gc({ graceMs: 0, now: new Date(Date.now() + 5000) });
  const committed = new Set((await registry.listVersions(model)).map(String));
  for (const o of await storage.list(`models/${model}/`)) {
    const part = o.key.split('/')[2];
    expect(part === 'aliases' || committed.has(part) ? 'ok' : o.key).toBe('ok');
  }
  return report.stagingUploadsRemoved.length + report.uncommittedVersionsRemoved.length;
}
