// Run metadata: lifecycle of a run, concurrent step updates, queries by model and status.
// Run on the filesystem (the .test.ts beside it) and on MinIO (test/integration/registry).
import { RunStore } from '../../../core/metadata';
import type { Storage } from '../../../core/storage/types';

export function defineRunStoreParity(makeStorage: () => Promise<Storage>): void {
  let runs: RunStore;
  beforeEach(async () => {
    runs = new RunStore(await makeStorage());
  });

  it('records a run from start to finish', async () => {
    const run = await runs.startRun({
      pipeline: 'ct',
      model: 'widgets',
      parameters: { epochs: 3 },
      inputs: [{ kind: 'dataset', name: 'widgets', version: 2, fingerprint: 'sha256:ab' }],
    });
    expect(run.status).toBe('running');
    await runs.recordStep(run.id, {
      name: 'train',
      status: 'succeeded',
      startedAt: run.startedAt,
      durationMs: 5,
    });
    await runs.addOutputs(run.id, [{ kind: 'model', name: 'widgets', version: 4 }], { AP50: 0.7 });
    const done = await runs.finishRun(run.id, 'succeeded');
    expect(done).toMatchObject({
      status: 'succeeded',
      metrics: { AP50: 0.7 },
      outputs: [{ kind: 'model', name: 'widgets', version: 4 }],
      steps: [{ name: 'train', status: 'succeeded' }],
    });
    expect(done.durationMs).toBeGreaterThanOrEqual(0);
    expect(await runs.getRun(run.id)).toEqual(done);
  });

  it('keeps every concurrent step update', async () => {
    const run = await runs.startRun({ pipeline: 'ct' });
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    await Promise.all(
      names.map((name) =>
        runs.recordStep(run.id, { name, status: 'succeeded', startedAt: run.startedAt }),
      ),
    );
    expect((await runs.getRun(run.id)).steps.map((s) => s.name).sort()).toEqual(names);
  });

  it('queries by model and status, newest first', async () => {
    const t = [
      new Date('2026-01-01T00:00:00Z'),
      new Date('2026-01-02T00:00:00Z'),
      new Date('2026-01-03T00:00:00Z'),
    ];
    let i = 0;
    const timed = new RunStore(runs.storage, () => t[Math.min(i, 2)]);
    const a = await timed.startRun({ pipeline: 'ct', model: 'm1' });
    i = 1;
    const b = await timed.startRun({ pipeline: 'ct', model: 'm2' });
    i = 2;
    const c = await timed.startRun({ pipeline: 'ct', model: 'm1' });
    await timed.finishRun(a.id, 'failed', 'boom');
    expect((await timed.listRuns({ model: 'm1' })).map((r) => r.id)).toEqual([c.id, a.id]);
    expect((await timed.listRuns({ status: 'failed' })).map((r) => r.id)).toEqual([a.id]);
    expect((await timed.listRuns({ limit: 1 })).map((r) => r.id)).toEqual([c.id]);
    expect(b.id).not.toBe(a.id);
    await expect(timed.startRun({ pipeline: 'ct', id: a.id })).rejects.toThrow(
      /precondition failed/,
    );
  });
}
