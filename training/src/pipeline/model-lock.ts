// One training per model at a time, across processes and hosts: a lock object created with a
// create-only write (If-None-Match on S3, O_EXCL-style on the filesystem backend). A lock older
// than the stale limit (a crashed trainer) may be taken over.
import { PreconditionFailedError, type Storage } from '../../../core/storage/types';

export class ModelBusyError extends Error {
  constructor(
    readonly model: string,
    readonly holder: string,
  ) {
    super(`model ${model} is already being trained (run ${holder})`);
    this.name = 'ModelBusyError';
  }
}

const STALE_MS = 3 * 60 * 60 * 1000;

export async function acquireModelLock(
  storage: Storage,
  model: string,
  runId: string,
  now: () => number = Date.now,
): Promise<() => Promise<void>> {
  const key = `locks/${model}.json`;
  const body = Buffer.from(JSON.stringify({ runId, since: now() }));
  try {
    await storage.put(key, body, { ifNoneMatch: true });
  } catch (error) {
    if (!(error instanceof PreconditionFailedError)) throw error;
    const info = await storage.head(key);
    const held = info
      ? (JSON.parse((await storage.get(key)).toString('utf8')) as { runId: string; since: number })
      : undefined;
    // The same run may take its lock back (resuming after a kill); others wait for staleness.
    const ours = held?.runId === runId;
    if (!info || !held || (!ours && now() - held.since < STALE_MS))
      throw new ModelBusyError(model, held?.runId ?? '?');
    // Ours or stale: replace it only if nobody else did in the meantime.
    await storage.put(key, body, { ifMatch: info.etag }).catch(() => {
      throw new ModelBusyError(model, held.runId);
    });
  }
  return async () => {
    const current = await storage.get(key).catch(() => undefined);
    if (current && (JSON.parse(current.toString('utf8')) as { runId: string }).runId === runId)
      await storage.delete(key);
  };
}
