// The embedded default model: the COCO-80 CenterNet (MobileNetV3 backbone, 512×512) shipped in
// @vladmandic/human's models/ folder. Its files, signature and pre/post-processing config live
// here and nowhere else; first start imports it into the registry as version 1.
import * as path from 'node:path';
import type { ModelMetadata, ProcessingConfig, TensorSignature } from '../registry/types';
import { COCO_80_LABELS } from './coco-labels';

export const DEFAULT_MODEL_ENTRY = 'model.json';
const WEIGHTS_FILE = 'centernet.bin';

export const CENTERNET_PROCESSING: ProcessingConfig = Object.freeze({
  inputWidth: 512,
  inputHeight: 512,
  // The graph expects raw 0..255 pixel values (not 0..1).
  scale: 1,
  offset: 0,
  padValue: 0,
  outputFormat: 'detections',
  inputName: 'tower_0/images',
  // [1, 100, 6] rows of x1, y1, x2, y2 (input pixels), score, 0-based class.
  outputNames: Object.freeze(['tower_0/detections']),
  labels: COCO_80_LABELS,
  scoreThreshold: 0.3,
  iouThreshold: 0.5,
  maxDetections: 100,
});

export const CENTERNET_SIGNATURE: ModelMetadata['signature'] = {
  inputs: [{ name: 'tower_0/images', dtype: 'float32', shape: [1, 512, 512, 3] }],
  outputs: [
    { name: 'tower_0/detections', dtype: 'float32', shape: [1, 100, 6] },
  ] as TensorSignature[],
};

/** Directory of the packaged model files (its exports map hides package.json, so go via main). */
export function defaultModelDir(): string {
  return path.join(path.dirname(require.resolve('@vladmandic/human')), '..', 'models');
}

/**
 * The default model's files as the registry stores them: the graph JSON is renamed to
 * model.json; the weights keep the name its weightsManifest references.
 */
export function defaultModelFiles(dir = defaultModelDir()): Record<string, string> {
  return {
    [DEFAULT_MODEL_ENTRY]: path.join(dir, 'centernet.json'),
    [WEIGHTS_FILE]: path.join(dir, WEIGHTS_FILE),
  };
}

/** Metadata recorded with the imported default model (files/checksums are added by the registry). */
export function defaultModelMetadata(
  name: string,
): Omit<ModelMetadata, 'version' | 'createdAt' | 'files'> {
  return {
    name,
    format: 'tfjs-graph',
    entry: DEFAULT_MODEL_ENTRY,
    signature: CENTERNET_SIGNATURE,
    processing: CENTERNET_PROCESSING,
    trainingParams: {
      source: '@vladmandic/human models/centernet (MIT), pre-trained on COCO 2017',
    },
  };
}
