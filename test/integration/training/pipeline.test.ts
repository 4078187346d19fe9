// The training pipeline end to end on a small synthetic dataset with the native backend: the
// trained model beats a trivial baseline on the held-out split, the gate accepts a better model
// and rejects a worse one, and a run interrupted after a checkpoint resumes to the same result.
import { parseBaseline } from '../../../serving/src/drift/drift-monitor';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { photosMissingReason } from '../../../core/sample-photos';
import { initTf, type TfRuntime } from '../../../core/tf/backend';
import type { CocoDataset } from '../../../training/src/dataset/coco-types';
import { evaluateCoco } from '../../../training/src/eval/coco-eval';
import { ModelBusyError, acquireModelLock } from '../../../training/src/pipeline/model-lock';
import { createProgress } from '../../../training/src/pipeline/progress';
import { runPipeline, type PipelineRequest } from '../../../training/src/pipeline/run-pipeline';
import { nativeTfMissing } from '../../helpers/native-tf';
import { describeWhen } from '../../helpers/requirements';
import { trainingWorkspace } from '../../helpers/training-workspace';

/** Predicts, for every test image and class, one box of the mean training size at the centre. */
function centreBoxBaseline(train: CocoDataset, test: CocoDataset): number {
  const mean = (f: (b: readonly number[]) => number) =>
    train.annotations.reduce((s, a) => s + f(a.bbox), 0) / train.annotations.length;
  const w = mean((b) => b[2]!);
  const h = mean((b) => b[3]!);
  return evaluateCoco({
    imageIds: test.images.map((i) => i.id),
    categories: test.categories,
    groundTruth: test.annotations.map((a) => ({
      imageId: a.image_id,
      categoryId: a.category_id,
      bbox: a.bbox,
      area: a.area,
    })),
    detections: test.images.flatMap((img) =>
      test.categories.map((c) => ({
        imageId: img.id,
        categoryId: c.id,
        bbox: [(img.width - w) / 2, (img.height - h) / 2, w, h] as const,
        score: 0.5,
      })),
    ),
  }).summary.AP50;
}

const MARGIN_OVER_BASELINE = 0.15;

describeWhen(photosMissingReason() ?? nativeTfMissing())(
  'training pipeline (native backend)',
  () => {
    jest.setTimeout(600_000);
    const ws = trainingWorkspace('ct-pipeline-');
    const { stores } = ws;
    const progress = createProgress(false, () => undefined);
    let runtime: TfRuntime;
    let baseline = 0;
    const request = (epochs: number, extra: Partial<PipelineRequest> = {}): PipelineRequest => ({
      model: 'shapes',
      dataset: 'shapes',
      train: { seed: 1, epochs, batchSize: 4, learningRate: 0.03, boxLossWeight: 1 },
      gate: { metric: 'AP50', margin: 0.02, classTolerance: 0.5 },
      trigger: 'test',
      ...extra,
    });
    const run = (req: PipelineRequest) => runPipeline({ tf: runtime.tf, ...stores, progress }, req);

    beforeAll(async () => {
      runtime = await initTf({ purpose: 'training', log: () => undefined });
      const dir = await ws.publishSynthetic({ seed: 11, images: 36, size: 256 }, 'test');
      const read = (s: string) =>
        JSON.parse(
          fs.readFileSync(path.join(dir, 'annotations', `${s}.json`), 'utf8'),
        ) as CocoDataset;
      baseline = centreBoxBaseline(read('train'), read('test'));
    });
    afterAll(() => ws.remove());

    let weak: Awaited<ReturnType<typeof run>>;
    let strong: Awaited<ReturnType<typeof run>>;

    it('registers a first model and promotes it to staging (no production yet)', async () => {
      weak = await run(request(1));
      expect(weak.gate.promote).toBe(true);
      expect(await stores.models.resolveAlias('shapes', 'staging')).toBe(weak.version);
      const meta = await stores.models.getMetadata('shapes', weak.version);
      expect(meta.processing.labels).toEqual(['star', 'ring', 'cross']);
      expect(meta.processing.outputFormat).toBe('detections');
      expect(Object.keys(meta.files)).toEqual(
        expect.arrayContaining([
          'model.json',
          'weights.bin',
          'report/report.md',
          'report/pr-iou50.svg',
        ]),
      );
      // The held-out predictions are the drift baseline serving compares live traffic with.
      const baseline = parseBaseline(meta.baseline);
      expect(baseline?.numClasses).toBe(3);
      expect(baseline?.samples).toBeGreaterThan(0);
      expect(baseline!.counts.brightness.reduce((a, b) => a + b, 0)).toBe(baseline!.samples);
    });

    it('trains a model whose held-out AP@.50 beats the centre-box baseline by the margin, and the gate accepts it over production', async () => {
      await stores.models.setAlias('shapes', 'production', weak.version);
      strong = await run(request(12));
      expect(strong.metrics.AP50!).toBeGreaterThan(baseline + MARGIN_OVER_BASELINE);
      expect(strong.metrics.AP50!).toBeGreaterThan(weak.metrics.AP50! + 0.02);
      expect(strong.gate.promote).toBe(true);
      expect(await stores.models.resolveAlias('shapes', 'staging')).toBe(strong.version);
    });

    it('rejects a worse candidate and leaves staging alone', async () => {
      await stores.models.setAlias('shapes', 'production', strong.version);
      const worse = await run(request(1));
      expect(worse.gate.promote).toBe(false);
      expect(await stores.models.resolveAlias('shapes', 'staging')).toBe(strong.version);
    });

    it('resumes an interrupted run from its checkpoint to the same result', async () => {
      const runId = 'run-resume-test';
      await expect(
        run(
          request(12, {
            runId,
            onEpoch: (e) => {
              if (e === 5) throw new Error('killed after epoch 5');
            },
          }),
        ),
      ).rejects.toThrow(/killed/);
      const resumed = await run(request(12, { runId }));
      expect(resumed.metrics.AP50!).toBeCloseTo(strong.metrics.AP50!, 6);
      expect(resumed.metrics.AP!).toBeCloseTo(strong.metrics.AP!, 6);
      const record = await stores.runs.getRun(runId);
      expect(record.status).toBe('succeeded');
      expect(record.steps.map((s) => s.name)).toEqual(
        expect.arrayContaining(['ingest', 'validate', 'train', 'evaluate', 'register', 'gate']),
      );
    });

    it('never runs two trainings of one model at once', async () => {
      const release = await acquireModelLock(stores.work, 'shapes', 'holder');
      await expect(run(request(1))).rejects.toBeInstanceOf(ModelBusyError);
      await release();
    });
  },
);
