import { initTf } from '../../core/tf/backend';
import { ensurePhotos } from '../../core/sample-photos';
import { CENTERNET_PROCESSING, DEFAULT_MODEL_ENTRY } from '../../serving/src/models/default-model';
import { synthesizeDataset, DEFAULT_SYNTH } from './synth/synth-dataset';
import { openLocalDataset } from './dataset/local-dataset';
import { Backbone, readBaseModelFiles } from './model/backbone';
import { prepareSamples } from './model/prepare-samples';
import { initialState, trainHead } from './model/head-trainer';
import { exportModel, EXPORT_ENTRY } from './model/export-model';
import { HEATMAP_PRIOR_BIAS } from './model/centernet-head';
import { readHeadInit } from './model/export-model';
import { predictSplit } from './model/predict';
import { evaluateCoco } from './eval/coco-eval';
(async () => {
  const { tf } = await initTf({ purpose: 'training' });
  const N = Number(process.env.N ?? 60),
    E = Number(process.env.E ?? 20),
    LR = Number(process.env.LR ?? 0.01);
  let t = Date.now();
  await synthesizeDataset({
    ...DEFAULT_SYNTH,
    images: N,
    size: 320,
    photosDir: ensurePhotos().dir!,
    outDir: '/tmp/trexp/ds',
  });
  console.log('synth', Date.now() - t);
  t = Date.now();
  const ds = openLocalDataset('/tmp/trexp/ds');
  const bb = await Backbone.load(tf);
  const samples = await prepareSamples(bb, ds.splits.train, ds.readImage);
  console.log('features', samples.length, Date.now() - t);
  t = Date.now();
  const base = readBaseModelFiles();
  const K = 3;
  const init = readHeadInit(tf, base, DEFAULT_MODEL_ENTRY, K);
  init.clsKernel.fill(0);
  init.clsBias.fill(HEATMAP_PRIOR_BIAS);
  const final = await trainHead(
    tf,
    samples,
    { seed: 1, epochs: E, batchSize: 4, learningRate: LR, boxLossWeight: 1 },
    initialState(init),
    async (r) =>
      console.log('epoch', r.epoch, r.loss.toFixed(4), r.imagesPerSecond.toFixed(1), 'img/s'),
  );
  console.log('train', Date.now() - t);
  t = Date.now();
  const files = await exportModel(tf, base, DEFAULT_MODEL_ENTRY, final.params);
  const processing = { ...CENTERNET_PROCESSING, labels: ['star', 'ring', 'cross'] };
  for (const split of ['train', 'test'] as const) {
    const sp = ds.splits[split];
    const dets = await predictSplit(tf, files, EXPORT_ENTRY, processing, sp, ds.readImage);
    const r = evaluateCoco({
      imageIds: sp.images.map((i) => i.id),
      categories: sp.categories,
      groundTruth: sp.annotations.map((a) => ({
        imageId: a.image_id,
        categoryId: a.category_id,
        bbox: a.bbox,
        area: a.area,
      })),
      detections: dets,
    });
    console.log(
      split,
      JSON.stringify(r.summary),
      r.perClass.map((c) => c.ap50.toFixed(3)),
      Date.now() - t,
    );
    t = Date.now();
  }
})();
