// The pipeline steps as plain typed functions: ingest → validate → train → evaluate → register →
// gate. run-pipeline.ts wires them and records each one in the run metadata.
import type { DriftObservation } from '../../../core/monitoring/drift';
import type * as tfjs from '@tensorflow/tfjs';
import type { DatasetManifest, DatasetRegistry } from '../../../core/datasets';
import type { ModelMetadata, ModelRegistry, ProcessingConfig } from '../../../core/registry';
import type { Storage } from '../../../core/storage/types';
import {
  CENTERNET_PROCESSING,
  CENTERNET_SIGNATURE,
  DEFAULT_MODEL_ENTRY,
} from '../../../core/detection/default-model';
import { SPLITS, type CocoDataset, type SplitName } from '../dataset/coco-types';
import { evaluateCoco } from '../eval/coco-eval';
import type { EvalResult } from '../eval/types';
import { Backbone, readBaseModelFiles } from '../model/backbone';
import { HEATMAP_PRIOR_BIAS } from '../model/centernet-head';
import { EXPORT_ENTRY, exportModel, readHeadInit } from '../model/export-model';
import { initialState, trainHead, type TrainConfig, type TrainState } from '../model/head-trainer';
import { predictSplit } from '../model/predict';
import { prepareSamples } from '../model/prepare-samples';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint';
import type { GateScores } from './gate';
import type { Progress } from './progress';
import { validateDataset, type ValidationReport } from './validate';

type Tf = typeof tfjs;

export interface IngestedDataset {
  readonly manifest: DatasetManifest;
  readonly splits: Readonly<Record<SplitName, CocoDataset>>;
  readonly images: ReadonlyMap<string, Buffer>;
  readonly classes: readonly string[];
}

export async function ingest(
  datasets: DatasetRegistry,
  name: string,
  version?: number,
): Promise<IngestedDataset> {
  const manifest = await datasets.getDataset(name, version);
  const splits = {} as Record<SplitName, CocoDataset>;
  const images = new Map<string, Buffer>();
  for (const split of SPLITS) {
    if (!manifest.splits[split])
      throw new Error(`dataset ${name} v${manifest.version} has no ${split} split`);
    splits[split] = (await datasets.readAnnotations(name, manifest.version, split)) as CocoDataset;
    for (const img of splits[split].images)
      images.set(img.file_name, await datasets.readImage(name, manifest.version, img.file_name));
  }
  const classes = [...splits.train.categories].sort((a, b) => a.id - b.id).map((c) => c.name);
  return { manifest, splits, images, classes };
}

export function validate(data: IngestedDataset): ValidationReport {
  return validateDataset(data.splits, (f) => {
    const b = data.images.get(f);
    if (!b) throw new Error(`missing ${f}`);
    return b;
  });
}

export interface TrainStepResult {
  readonly state: TrainState;
  readonly seconds: number;
  readonly featureSeconds: number;
  readonly imagesPerSecond: number;
  readonly resumedFromEpoch: number;
}

export async function train(
  tf: Tf,
  data: IngestedDataset,
  config: TrainConfig,
  checkpoints: Storage,
  checkpointKey: string,
  fingerprint: string,
  progress: Progress,
  onEpoch?: (epoch: number, imagesPerSecond: number) => void,
): Promise<TrainStepResult> {
  const started = performance.now();
  const backbone = await Backbone.load(tf);
  progress.start('features', data.splits.train.images.length);
  const samples = await prepareSamples(
    backbone,
    data.splits.train,
    (f) => data.images.get(f)!,
    (done) => progress.update(done),
  );
  progress.stop();
  backbone.dispose();
  const featureSeconds = (performance.now() - started) / 1000;
  let state: TrainState;
  const saved = await checkpoints.head(checkpointKey);
  if (saved) {
    const decoded = decodeCheckpoint(await checkpoints.get(checkpointKey));
    if (decoded.fingerprint !== fingerprint)
      throw new Error(
        `checkpoint ${checkpointKey} belongs to other data or settings; start a new run`,
      );
    state = decoded.state;
  } else {
    const init = readHeadInit(tf, readBaseModelFiles(), DEFAULT_MODEL_ENTRY, data.classes.length);
    // New classes: heatmap projection from zero with CenterNet's prior; the box projection keeps
    // its COCO pre-training (box extents generalise across classes).
    init.clsKernel.fill(0);
    init.clsBias.fill(HEATMAP_PRIOR_BIAS);
    state = initialState(init);
  }
  const resumedFromEpoch = state.epoch;
  let lastRate = 0;
  progress.start('train', config.epochs);
  progress.update(state.epoch);
  state = await trainHead(tf, samples, config, state, async (r) => {
    await checkpoints.put(checkpointKey, encodeCheckpoint(r.state, fingerprint));
    lastRate = r.imagesPerSecond;
    progress.update(r.epoch, { loss: r.loss.toFixed(4), 'img/s': r.imagesPerSecond.toFixed(1) });
    progress.log('epoch', { epoch: r.epoch, loss: r.loss, imagesPerSecond: r.imagesPerSecond });
    onEpoch?.(r.epoch, r.imagesPerSecond);
  });
  progress.stop();
  return {
    state,
    seconds: (performance.now() - started) / 1000,
    featureSeconds,
    imagesPerSecond: lastRate,
    resumedFromEpoch,
  };
}

export function processingFor(classes: readonly string[]): ProcessingConfig {
  return Object.freeze({ ...CENTERNET_PROCESSING, labels: Object.freeze([...classes]) });
}

export async function evaluateFiles(
  tf: Tf,
  files: Readonly<Record<string, Buffer>>,
  entry: string,
  processing: ProcessingConfig,
  data: IngestedDataset,
  split: SplitName,
  observe?: (o: DriftObservation) => void,
): Promise<EvalResult> {
  const s = data.splits[split];
  const detections = await predictSplit(
    tf,
    files,
    entry,
    processing,
    s,
    (f) => data.images.get(f)!,
    observe,
  );
  return evaluateCoco({
    imageIds: s.images.map((i) => i.id),
    categories: s.categories,
    groundTruth: s.annotations.map((a) => ({
      imageId: a.image_id,
      categoryId: a.category_id,
      bbox: a.bbox,
      area: a.area,
    })),
    detections,
  });
}

export async function exportTrained(tf: Tf, state: TrainState): Promise<Record<string, Buffer>> {
  return exportModel(tf, readBaseModelFiles(), DEFAULT_MODEL_ENTRY, state.params);
}

export function gateScores(result: EvalResult): GateScores {
  return {
    summary: { AP: result.summary.AP, AP50: result.summary.AP50, AP75: result.summary.AP75 },
    perClass: Object.fromEntries(result.perClass.map((c) => [c.name, c.ap])),
  };
}

/** Evaluates the version behind `production` on the candidate's held-out split. */
export async function evaluateProduction(
  tf: Tf,
  models: ModelRegistry,
  model: string,
  data: IngestedDataset,
  split: SplitName,
): Promise<{ version: number; result: EvalResult } | undefined> {
  const version = await models.resolveAlias(model, 'production');
  if (version === undefined) return undefined;
  const meta: ModelMetadata = await models.getMetadata(model, version);
  const files: Record<string, Buffer> = {};
  for (const f of Object.keys(meta.files)) files[f] = await models.readFile(model, version, f);
  return {
    version,
    result: await evaluateFiles(tf, files, meta.entry, meta.processing, data, split),
  };
}

export const TRAINED_SIGNATURE = CENTERNET_SIGNATURE;
export { EXPORT_ENTRY };
