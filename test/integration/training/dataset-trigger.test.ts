// Retraining on a new dataset version, against real file stores in a temp directory: the watcher
// starts one run per new version, records why and which version, never retrains a version, and
// a restarted watcher reads what was trained from the run metadata. Runs are simulated by writing
// the run records the pipeline writes (no TensorFlow here: the pipeline has its own tests).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CocoDataset } from '../../../core/datasets';
import { newRunId } from '../../../core/metadata';
import { openStores } from '../../../training/src/pipeline/locations';
import { createDatasetWatcher } from '../../../training/src/trigger/dataset-watcher';
import { createTrainingMetrics } from '../../../training/src/trigger/metrics';
import { createRunScheduler, type RunRequest } from '../../../training/src/trigger/run-scheduler';

const split = (file: string): CocoDataset => ({
  images: [{ id: 1, file_name: file, width: 8, height: 8 }],
  annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [1, 1, 4, 4], area: 16, iscrowd: 0 }],
  categories: [{ id: 1, name: 'star' }],
});

describe('dataset-version trigger', () => {
  let root: string;
  let stores: ReturnType<typeof openStores>;
  let requests: RunRequest[];
  let release: () => void;
  let hold: boolean;

  const publish = (name: string, tag: string) =>
    stores.datasets.publishDataset(name, {
      splits: { train: split(`${tag}.png`) },
      images: { [`${tag}.png`]: Buffer.from(tag) },
    });

  /** A scheduler whose runs write what runPipeline writes: the request, then the dataset input. */
  const scheduler = () =>
    createRunScheduler({
      metrics: createTrainingMetrics(),
      startRun: async (r) => {
        requests.push(r);
        const id = newRunId(new Date());
        await stores.runs.startRun({
          id,
          pipeline: 'continuous-training',
          model: r.model,
          trigger: r.reason,
          parameters: { dataset: 'shapes', datasetVersion: r.datasetVersion },
        });
        if (hold) await new Promise<void>((resolve) => (release = resolve));
        await stores.runs.update(id, (run) => ({
          ...run,
          inputs: [{ kind: 'dataset', name: 'shapes', version: r.datasetVersion }],
        }));
        await stores.runs.finishRun(id, 'succeeded');
      },
    });
  const watcher = (s = scheduler()) => ({
    s,
    w: createDatasetWatcher({
      datasets: stores.datasets,
      runs: stores.runs,
      watched: [{ model: 'shapes-detector', dataset: 'shapes' }],
      trigger: (source, request) => s.trigger(source, request),
    }),
  });

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dataset-trigger-'));
    const uri = (p: string) => pathToFileURL(path.join(root, p)).href;
    stores = openStores({
      registry: uri('registry'),
      datasets: uri('datasets'),
      metadata: uri('metadata'),
    });
    requests = [];
    hold = false;
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('trains each new version once and records the reason and version in the run', async () => {
    const { s, w } = watcher();
    expect((await w.poll())[0]!.status).toBe('no-versions');
    await publish('shapes', 'a');
    expect((await w.poll())[0]).toMatchObject({ status: 'started', latest: 1 });
    await s.idle();
    expect((await w.poll())[0]).toMatchObject({ status: 'up-to-date', lastTrained: 1 });
    await publish('other', 'x');
    expect((await w.poll())[0]!.status).toBe('up-to-date');
    await publish('shapes', 'b');
    expect((await w.poll())[0]).toMatchObject({ status: 'started', latest: 2, lastTrained: 1 });
    await s.idle();
    expect(requests).toEqual([
      { model: 'shapes-detector', reason: 'dataset shapes v1', datasetVersion: 1 },
      { model: 'shapes-detector', reason: 'dataset shapes v2', datasetVersion: 2 },
    ]);
    const runs = await stores.runs.listRuns({ model: 'shapes-detector' });
    expect(runs.map((r) => [r.trigger, r.inputs[0]?.version, r.status])).toEqual([
      ['dataset shapes v2', 2, 'succeeded'],
      ['dataset shapes v1', 1, 'succeeded'],
    ]);
  });

  it('a restarted watcher reads the last trained version from the run metadata', async () => {
    await publish('shapes', 'a');
    const first = watcher();
    await first.w.poll();
    await first.s.idle();
    const restarted = watcher();
    expect((await restarted.w.poll())[0]).toMatchObject({ status: 'up-to-date', lastTrained: 1 });
    expect(requests).toHaveLength(1);
  });

  it('does not start a second run of the model while one runs, nor re-trigger its version', async () => {
    hold = true;
    await publish('shapes', 'a');
    const { s, w } = watcher();
    expect((await w.poll())[0]!.status).toBe('started');
    await new Promise((r) => setTimeout(r, 50));
    expect((await w.poll())[0]!.status).toBe('up-to-date');
    await publish('shapes', 'b');
    expect((await w.poll())[0]!.status).toBe('already-running');
    release();
    await s.idle();
    hold = false;
    expect((await w.poll())[0]).toMatchObject({ status: 'started', latest: 2 });
    await s.idle();
    expect(requests.map((r) => r.datasetVersion)).toEqual([1, 2]);
  });

  it('polls on its interval until stopped', async () => {
    const { s, w } = watcher();
    const stop = w.start(20);
    await publish('shapes', 'a');
    const deadline = Date.now() + 5000;
    while (requests.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    stop();
    await s.idle();
    expect(requests.map((r) => r.datasetVersion)).toEqual([1]);
  });
});
