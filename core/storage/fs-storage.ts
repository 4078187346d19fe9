// Filesystem backend of Storage (the default for `npm start`). Every write goes to a temporary
// file that is fsynced and then renamed into place, so a reader or a crash never sees a partial
// object. If-None-Match is a hard link (fails atomically when the key exists); If-Match and plain
// writes hold a per-key lock so a compare-and-swap cannot interleave with another writer.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { acquireLock } from './fs-lock';
import { validateKey } from './keys';
import type { ObjectInfo, PutOptions, Storage, StoredObject } from './types';
import { NotFoundError, PreconditionFailedError } from './types';

const RESERVED = '.mlops-';

export class FileStorage implements Storage {
  readonly uri: string;

  constructor(readonly root: string) {
    if (!path.isAbsolute(root)) throw new Error(`storage root must be absolute, got ${root}`);
    this.uri = pathToFileURL(root).href;
  }

  async get(key: string): Promise<Buffer> {
    return (await this.getWithInfo(key)).body;
  }

  async getWithInfo(key: string): Promise<StoredObject> {
    const file = this.resolve(key);
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(file, 'r');
    } catch (error) {
      throw notFoundOr(error, key);
    }
    try {
      const stat = await handle.stat({ bigint: true });
      if (!stat.isFile()) throw new NotFoundError(key);
      const body = await handle.readFile();
      return { body, info: infoOf(key, stat) };
    } finally {
      await handle.close();
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const stat = await fs.stat(this.resolve(key), { bigint: true }).catch(absentAs(undefined));
    return stat?.isFile() ? infoOf(key, stat) : undefined;
  }

  async put(key: string, body: Buffer, options: PutOptions = {}): Promise<ObjectInfo> {
    const file = this.resolve(key);
    return this.withDir(file, async () => {
      const tmp = await writeTemp(file, body);
      try {
        if (options.ifNoneMatch && options.ifMatch === undefined) {
          await fs.link(tmp.path, file).catch((error: NodeJS.ErrnoException) => {
            throw error.code === 'EEXIST' ? new PreconditionFailedError(key) : error;
          });
          await syncDir(path.dirname(file));
          return infoOf(key, tmp.stat);
        }
        const lock = await acquireLock(lockPathOf(file));
        try {
          const current = await this.head(key);
          if (options.ifNoneMatch && current) throw new PreconditionFailedError(key);
          if (options.ifMatch !== undefined && current?.etag !== options.ifMatch)
            throw new PreconditionFailedError(key);
          if (!(await lock.stillHeld())) throw new PreconditionFailedError(key);
          await fs.rename(tmp.path, file);
          await syncDir(path.dirname(file));
          return infoOf(key, tmp.stat);
        } finally {
          await lock.release();
        }
      } finally {
        await fs.rm(tmp.path, { force: true });
      }
    });
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    if (prefix !== '') validateKey('prefix', prefix.endsWith('/') ? `${prefix}x` : prefix);
    const baseKey = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const out: ObjectInfo[] = [];
    await this.walk(baseKey, prefix, out);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    const file = this.resolve(key);
    await fs.rm(file, { force: true });
    // Remove directories left empty, so deleted versions leave no trace (races are harmless:
    // rmdir fails on a directory someone just wrote into, and writers recreate missing parents).
    let dir = path.dirname(file);
    while (dir.startsWith(this.root + path.sep)) {
      try {
        await fs.rmdir(dir);
      } catch {
        break;
      }
      dir = path.dirname(dir);
    }
  }

  async copy(fromKey: string, toKey: string): Promise<ObjectInfo> {
    const body = await this.get(fromKey);
    return this.put(toKey, body);
  }

  private async walk(relDir: string, prefix: string, out: ObjectInfo[]): Promise<void> {
    const dir = relDir === '' ? this.root : path.join(this.root, ...relDir.split('/'));
    // Only "does not exist" means empty: a permission or I/O error must not read as "no versions".
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(absentAs([]));
    for (const entry of entries) {
      if (entry.name.startsWith(RESERVED)) continue;
      const key = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (prefix.startsWith(`${key}/`) || `${key}/`.startsWith(prefix) || prefix === '')
          await this.walk(key, prefix, out);
      } else if (entry.isFile() && key.startsWith(prefix)) {
        const info = await this.head(key);
        if (info) out.push(info);
      }
    }
  }

  private resolve(key: string): string {
    validateKey('key', key);
    return path.join(this.root, ...key.split('/'));
  }

  /** Runs a write, recreating the parent directory if a concurrent delete removed it. */
  private async withDir<T>(file: string, write: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      await fs.mkdir(path.dirname(file), { recursive: true });
      try {
        return await write();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 5) throw error;
      }
    }
  }
}

interface Temp {
  readonly path: string;
  readonly stat: import('node:fs').BigIntStats;
}

async function writeTemp(file: string, body: Buffer): Promise<Temp> {
  const tmpPath = path.join(
    path.dirname(file),
    `${RESERVED}tmp-${randomBytes(8).toString('hex')}-${path.basename(file)}`,
  );
  const handle = await fs.open(tmpPath, 'wx');
  try {
    await handle.writeFile(body);
    await handle.sync();
    return { path: tmpPath, stat: await handle.stat({ bigint: true }) };
  } finally {
    await handle.close();
  }
}

/**
 * Makes a new directory entry durable: the file's data is synced before the link or rename, and
 * the directory itself after it, so a version counted as committed survives a power loss.
 */
async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function lockPathOf(file: string): string {
  return path.join(path.dirname(file), `${RESERVED}lock-${path.basename(file)}`);
}

function infoOf(key: string, stat: import('node:fs').BigIntStats): ObjectInfo {
  return {
    key,
    size: Number(stat.size),
    // A new inode per write (writes are renames), so inode + size + mtime identifies a version.
    etag: `${stat.ino.toString(16)}-${stat.size.toString(16)}-${stat.mtimeNs.toString(16)}`,
    lastModified: new Date(Number(stat.mtimeMs)),
  };
}

const isAbsent = (error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

/** A catch handler turning "does not exist" into `value` and rethrowing every other error. */
function absentAs<T>(value: T): (error: unknown) => T {
  return (error) => {
    if (isAbsent(error)) return value;
    throw error;
  };
}

function notFoundOr(error: unknown, key: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return new NotFoundError(key);
  return error as Error;
}
