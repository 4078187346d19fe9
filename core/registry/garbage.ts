// Garbage collection and retention for a VersionedStore. gc removes what crashed or abandoned
// publishers left behind: staging uploads and reserved-but-never-committed versions older than a
// grace period (so a slow publisher still running is not disturbed). Retention deletes committed
// versions beyond the N latest, sparing every version an alias points at; the COMMITTED marker
// goes first so a version disappears atomically, the CLAIMED marker last so its number stays
// reserved until its files are gone.
import type { ObjectInfo } from '../storage/types';
import type { CollectionKind } from './layout';
import { CLAIMED, COMMITTED, STAGING_DIR, nameDir, versionDir } from './layout';
import type { VersionedStore } from './versioned-store';

export interface GcOptions {
  /** Leftovers younger than this are kept (a publisher may still be working). @default 1 hour */
  readonly graceMs?: number;
  /** Injectable clock for tests. */
  readonly now?: Date;
}

export interface GcReport {
  readonly stagingUploadsRemoved: string[];
  readonly uncommittedVersionsRemoved: string[];
  objectsDeleted: number;
}

export const DEFAULT_GC_GRACE_MS = 60 * 60 * 1000;

export async function collectGarbage<M>(
  store: VersionedStore<M>,
  options: GcOptions = {},
): Promise<GcReport> {
  const cutoff = (options.now ?? new Date()).getTime() - (options.graceMs ?? DEFAULT_GC_GRACE_MS);
  const report: GcReport = {
    stagingUploadsRemoved: [],
    uncommittedVersionsRemoved: [],
    objectsDeleted: 0,
  };
  for (const name of await listAllNames(store)) {
    const groups = groupByUnit(
      store.kind,
      name,
      await store.storage.list(nameDir(store.kind, name)),
    );
    for (const [dir, objects] of groups) {
      const isStaging = dir.includes(`/${STAGING_DIR}/`);
      if (!isStaging && objects.some((o) => o.key === dir + COMMITTED)) continue;
      // Abandoned = nothing in the unit was written within the grace period.
      const newest = Math.max(...objects.map((o) => o.lastModified.getTime()));
      if (newest > cutoff) continue;
      await store.deletePrefix(dir, isStaging ? undefined : dir + CLAIMED);
      (isStaging ? report.stagingUploadsRemoved : report.uncommittedVersionsRemoved).push(
        dir.replace(/\/$/, ''),
      );
      report.objectsDeleted += objects.length;
    }
  }
  return report;
}

/** Deletes committed versions older than the `keep` latest, except those in `protectedVersions`. */
export async function applyRetention<M>(
  store: VersionedStore<M>,
  name: string,
  keep: number,
  protectedVersions: ReadonlySet<number>,
): Promise<number[]> {
  if (!Number.isSafeInteger(keep) || keep < 1)
    throw new Error(`keep: must be a positive integer, got ${keep}`);
  const versions = await store.listVersions(name);
  const doomed = versions.slice(0, Math.max(0, versions.length - keep));
  const deleted: number[] = [];
  for (const version of doomed) {
    if (protectedVersions.has(version)) continue;
    const dir = versionDir(store.kind, name, version);
    await store.storage.delete(dir + COMMITTED);
    await store.deletePrefix(dir, dir + CLAIMED);
    deleted.push(version);
  }
  return deleted;
}

/** Every name with any object (committed or not), so gc also finds names that never committed. */
async function listAllNames<M>(store: VersionedStore<M>): Promise<string[]> {
  const names = new Set<string>();
  for (const o of await store.storage.list(`${store.kind}/`)) {
    const name = o.key.split('/')[1];
    if (name) names.add(name);
  }
  return [...names].sort();
}

/** Groups a name's objects by version directory or staging upload (aliases are left out). */
function groupByUnit(
  kind: CollectionKind,
  name: string,
  objects: ObjectInfo[],
): Map<string, ObjectInfo[]> {
  const groups = new Map<string, ObjectInfo[]>();
  const base = nameDir(kind, name);
  for (const o of objects) {
    const parts = o.key.slice(base.length).split('/');
    let dir: string | undefined;
    if (/^\d+$/.test(parts[0]) && parts.length > 1) dir = `${base}${parts[0]}/`;
    else if (parts[0] === STAGING_DIR && parts.length > 2)
      dir = `${base}${STAGING_DIR}/${parts[1]}/`;
    if (dir === undefined) continue;
    const list = groups.get(dir) ?? [];
    list.push(o);
    groups.set(dir, list);
  }
  return groups;
}
