// The run metadata store on Storage: one JSON object per run (runs/<id>.json), created with a
// create-only write and updated by compare-and-swap, so concurrent step updates of one run never
// overwrite each other. Queryable by model, status and pipeline.
import { randomBytes } from 'node:crypto';
import { validateName } from '../storage/keys';
import type { Storage } from '../storage/types';
import { PreconditionFailedError } from '../storage/types';
import type { ArtifactRef, RunQuery, RunRecord, RunStatus, StepRecord } from './types';

const PREFIX = 'runs/';

export interface StartRun {
  readonly pipeline: string;
  readonly model?: string;
  readonly trigger?: string;
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly inputs?: readonly ArtifactRef[];
  readonly codeRevision?: string;
  /** Defaults to a time-sortable random id. */
  readonly id?: string;
}

export class RunStore {
  constructor(
    readonly storage: Storage,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async startRun(start: StartRun): Promise<RunRecord> {
    const id = start.id ?? newRunId(this.now());
    validateName('run id', id);
    validateName('pipeline', start.pipeline);
    if (start.model !== undefined) validateName('model', start.model);
    const record: RunRecord = {
      id,
      pipeline: start.pipeline,
      model: start.model,
      trigger: start.trigger,
      status: 'running',
      parameters: start.parameters ?? {},
      inputs: start.inputs ?? [],
      outputs: [],
      metrics: {},
      steps: [],
      startedAt: this.now().toISOString(),
      codeRevision: start.codeRevision,
    };
    await this.storage.put(keyOf(id), encode(record), { ifNoneMatch: true });
    return record;
  }

  async getRun(id: string): Promise<RunRecord> {
    validateName('run id', id);
    return JSON.parse((await this.storage.get(keyOf(id))).toString('utf8')) as RunRecord;
  }

  /** Applies `change` to the latest stored record (retrying when another writer got there first). */
  async update(id: string, change: (run: RunRecord) => RunRecord): Promise<RunRecord> {
    validateName('run id', id);
    for (let attempt = 0; attempt < 100; attempt++) {
      const { body, info } = await this.storage.getWithInfo(keyOf(id));
      const next = change(JSON.parse(body.toString('utf8')) as RunRecord);
      try {
        await this.storage.put(keyOf(id), encode(next), { ifMatch: info.etag });
        return next;
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
      }
    }
    throw new Error(`run ${id} kept changing; update gave up`);
  }

  /** Records (or replaces) a step by name. */
  recordStep(id: string, step: StepRecord): Promise<RunRecord> {
    return this.update(id, (run) => ({
      ...run,
      steps: [...run.steps.filter((s) => s.name !== step.name), step],
    }));
  }

  addOutputs(
    id: string,
    outputs: readonly ArtifactRef[],
    metrics: Record<string, number> = {},
  ): Promise<RunRecord> {
    return this.update(id, (run) => ({
      ...run,
      outputs: [...run.outputs, ...outputs],
      metrics: { ...run.metrics, ...metrics },
    }));
  }

  finishRun(id: string, status: Exclude<RunStatus, 'running'>, error?: string): Promise<RunRecord> {
    return this.update(id, (run) => {
      const finishedAt = this.now();
      return {
        ...run,
        status,
        error,
        finishedAt: finishedAt.toISOString(),
        durationMs: finishedAt.getTime() - Date.parse(run.startedAt),
      };
    });
  }

  /** Runs matching the query, newest first. */
  async listRuns(query: RunQuery = {}): Promise<RunRecord[]> {
    const runs: RunRecord[] = [];
    for (const o of await this.storage.list(PREFIX)) {
      if (!o.key.endsWith('.json')) continue;
      const run = JSON.parse((await this.storage.get(o.key)).toString('utf8')) as RunRecord;
      if (query.model !== undefined && run.model !== query.model) continue;
      if (query.status !== undefined && run.status !== query.status) continue;
      if (query.pipeline !== undefined && run.pipeline !== query.pipeline) continue;
      runs.push(run);
    }
    runs.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
    return query.limit === undefined ? runs : runs.slice(0, query.limit);
  }
}

/** Time-sortable id: run-<yyyymmddhhmmss>-<random>. */
export function newRunId(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:TZ.]/g, '')
    .slice(0, 14);
  return `run-${stamp}-${randomBytes(4).toString('hex')}`;
}

function keyOf(id: string): string {
  return `${PREFIX}${id}.json`;
}

function encode(record: RunRecord): Buffer {
  return Buffer.from(`${JSON.stringify(record, null, 2)}\n`);
}
