// Aliases (production, staging, canary, user-defined): small JSON objects moved by
// compare-and-swap (If-Match on the etag read, or If-None-Match for a new alias), so two
// concurrent promoters never lose an update: the loser re-reads and retries, or fails with
// AliasConflictError when it asked for a specific expected version. Each alias keeps its previous
// targets, newest first, which is what rollback walks back through.
import { validateName } from '../storage/keys';
import type { Storage } from '../storage/types';
import { NotFoundError, PreconditionFailedError } from '../storage/types';
import type { CollectionKind } from './layout';
import { ALIASES_DIR, aliasKey, nameDir } from './layout';

export interface AliasRecord {
  readonly alias: string;
  readonly version: number;
  readonly updatedAt: string;
  /** Previous targets, newest first (bounded). */
  readonly history: readonly { readonly version: number; readonly updatedAt: string }[];
}

export class AliasConflictError extends Error {
  constructor(
    readonly alias: string,
    readonly expected: number | null,
    readonly actual: number | null,
  ) {
    super(
      `alias ${alias} points at ${actual ?? 'nothing'}, expected ${expected ?? 'nothing'}: ` +
        'someone else moved it; re-read and retry',
    );
    this.name = 'AliasConflictError';
  }
}

const HISTORY_LIMIT = 50;
const MAX_ATTEMPTS = 100;

export class AliasStore {
  constructor(
    private readonly storage: Storage,
    private readonly kind: CollectionKind,
  ) {}

  async get(name: string, alias: string): Promise<AliasRecord | undefined> {
    return (await this.read(name, alias))?.record;
  }

  async list(name: string): Promise<AliasRecord[]> {
    const prefix = `${nameDir(this.kind, name)}${ALIASES_DIR}/`;
    const out: AliasRecord[] = [];
    for (const o of await this.storage.list(prefix)) {
      const alias = o.key.slice(prefix.length).replace(/\.json$/, '');
      // An alias that cannot be read is an error, not an absent alias: retention protects
      // aliased versions, so it must never run on a partial list.
      const record = await this.get(name, alias);
      if (record) out.push(record);
    }
    return out;
  }

  /**
   * Points an alias at a version. With `expectedVersion` (null = the alias must not exist yet)
   * the move only happens if the alias still points there; otherwise it retries until its write
   * lands on top of the latest value.
   */
  async set(
    name: string,
    alias: string,
    version: number,
    expectedVersion?: number | null,
  ): Promise<AliasRecord> {
    return this.update(name, alias, expectedVersion, (current, now) => ({
      alias,
      version,
      updatedAt: now,
      history: current
        ? [{ version: current.version, updatedAt: current.updatedAt }, ...current.history].slice(
            0,
            HISTORY_LIMIT,
          )
        : [],
    }));
  }

  /** Moves the alias back to its previous target accepted by `usable`; returns the new record. */
  async rollback(
    name: string,
    alias: string,
    usable: (version: number) => Promise<boolean>,
  ): Promise<{ from: number; to: number }> {
    let from = 0;
    let to = 0;
    const pick = async (): Promise<{ current: AliasRecord; index: number }> => {
      const read = await this.read(name, alias);
      if (!read) throw new NotFoundError(aliasKey(this.kind, name, alias));
      const { history } = read.record;
      for (let i = 0; i < history.length; i++)
        if (history[i].version !== read.record.version && (await usable(history[i].version)))
          return { current: read.record, index: i };
      throw new Error(`alias ${alias} of ${name} has no earlier version to roll back to`);
    };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { current, index } = await pick();
      try {
        from = current.version;
        to = current.history[index].version;
        await this.update(name, alias, current.version, (_c, now) => ({
          alias,
          version: to,
          updatedAt: now,
          history: current.history.slice(index + 1),
        }));
        return { from, to };
      } catch (error) {
        if (!(error instanceof AliasConflictError)) throw error;
      }
    }
    throw new Error(`alias ${alias} of ${name} kept changing; rollback gave up`);
  }

  private async update(
    name: string,
    alias: string,
    expectedVersion: number | null | undefined,
    next: (current: AliasRecord | undefined, now: string) => AliasRecord,
  ): Promise<AliasRecord> {
    validateName('alias', alias);
    const key = aliasKey(this.kind, name, alias);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.read(name, alias);
      const actual = current?.record.version ?? null;
      if (expectedVersion !== undefined && actual !== expectedVersion)
        throw new AliasConflictError(alias, expectedVersion, actual);
      const record = next(current?.record, new Date().toISOString());
      try {
        await this.storage.put(key, Buffer.from(`${JSON.stringify(record, null, 2)}\n`), {
          ...(current ? { ifMatch: current.etag } : { ifNoneMatch: true }),
          contentType: 'application/json',
        });
        return record;
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * (attempt + 1)));
      }
    }
    throw new Error(`alias ${alias} of ${name} kept changing; gave up after ${MAX_ATTEMPTS} tries`);
  }

  private async read(
    name: string,
    alias: string,
  ): Promise<{ record: AliasRecord; etag: string } | undefined> {
    validateName('alias', alias);
    try {
      const key = aliasKey(this.kind, name, alias);
      const { body, info } = await this.storage.getWithInfo(key);
      return { record: parseAliasRecord(body, key), etag: info.etag };
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }
}

/** Parses an alias file; a file that is not a valid alias record is an error naming it. */
function parseAliasRecord(body: Buffer, key: string): AliasRecord {
  let doc: unknown;
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new Error(`${key} is corrupt: ${(error as Error).message}`);
  }
  const r = doc as Partial<AliasRecord> | null;
  if (!r || typeof r !== 'object' || !Number.isInteger(r.version)) {
    throw new Error(`${key} is corrupt: no integer "version"`);
  }
  return r as AliasRecord;
}
