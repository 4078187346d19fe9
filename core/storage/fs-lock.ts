// A per-key exclusive lock for the filesystem backend: a lock file created with O_EXCL beside the
// object. Compare-and-swap writes hold it for a few syscalls. A lock left by a crashed process
// (its pid is gone on this host, or it is older than the stale limit) is broken by renaming it
// away first, so only one breaker can win.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';

const STALE_MS = 30_000;
/** A lock file without a readable owner (foreign or damaged) is stale after this long. */
const UNREADABLE_STALE_MS = 2_000;
const TIMEOUT_MS = 45_000;

export interface HeldLock {
  /** True while the lock file still carries our token (checked right before committing). */
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
}

export async function acquireLock(lockPath: string): Promise<HeldLock> {
  const token = `${process.pid} ${os.hostname()} ${randomBytes(8).toString('hex')}`;
  const deadline = Date.now() + TIMEOUT_MS;
  for (let attempt = 0; ; attempt++) {
    // The lock appears with its owner already written (hard link of a complete file), so a
    // crash can never leave an ownerless lock behind.
    const draft = `${lockPath}.${randomBytes(6).toString('hex')}`;
    await fs.writeFile(draft, token, { flag: 'wx' });
    let acquired = false;
    try {
      await fs.link(draft, lockPath);
      acquired = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await fs.rm(draft, { force: true });
    }
    if (acquired) {
      return {
        stillHeld: async () => (await readOrUndefined(lockPath)) === token,
        release: async () => {
          if ((await readOrUndefined(lockPath)) === token) await fs.rm(lockPath, { force: true });
        },
      };
    }
    await breakIfStale(lockPath);
    if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${lockPath}`);
    await sleep(Math.min(50, 1 + attempt) * Math.random());
  }
}

async function breakIfStale(lockPath: string): Promise<void> {
  const [content, stat] = await Promise.all([
    readOrUndefined(lockPath),
    fs.stat(lockPath).catch(() => undefined),
  ]);
  if (content === undefined || stat === undefined) return;
  const [pidText, host] = content.split(' ');
  const age = Date.now() - stat.mtimeMs;
  const unreadable = host === undefined || !/^\d+$/.test(pidText);
  const deadOwner = !unreadable && host === os.hostname() && !isAlive(Number(pidText));
  if (!deadOwner && age < (unreadable ? UNREADABLE_STALE_MS : STALE_MS)) return;
  const aside = `${lockPath}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await fs.rename(lockPath, aside);
  } catch {
    return; // someone else broke or released it first
  }
  const moved = await readOrUndefined(aside);
  // If a live holder took the lock between our read and the rename, hand it back.
  if (moved !== content && moved !== undefined)
    await fs.link(aside, lockPath).catch(() => undefined);
  await fs.rm(aside, { force: true });
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOrUndefined(file: string): Promise<string | undefined> {
  return fs.readFile(file, 'utf8').catch(() => undefined);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
