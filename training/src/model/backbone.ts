// The frozen pre-trained CenterNet: loads the packaged graph (no network), letterboxes images like
// serving does, and extracts the features the re-learnt projections read — once per image, so
// every epoch after that costs only the 1×1 projections.
import * as fs from 'node:fs';
import type * as tfjs from '@tensorflow/tfjs';
import { prepareImage } from '../../../core/detection/decode';
import {
  CENTERNET_PROCESSING,
  defaultModelFiles,
  DEFAULT_MODEL_ENTRY,
} from '../../../core/detection/default-model';
import { fileIoHandler } from '../../../core/detection/io-handler';
import type { Letterbox } from '../../../core/detection/letterbox';
import { FEATURE_NODES, GRID, FEATURE_CHANNELS } from './centernet-head';

type Tf = typeof tfjs;

export interface ImageFeatures {
  /** [GRID·GRID, 128] inputs of the heatmap projection. */
  readonly cls: Float32Array;
  /** [GRID·GRID, 128] inputs of the box projection. */
  readonly wh: Float32Array;
}

/** The packaged base model's files (model.json + weights) as buffers. */
export function readBaseModelFiles(): Record<string, Buffer> {
  const files = defaultModelFiles();
  return Object.fromEntries(Object.entries(files).map(([k, p]) => [k, fs.readFileSync(p)]));
}

export async function loadGraph(tf: Tf, files: Readonly<Record<string, Buffer>>, entry: string) {
  return tf.loadGraphModel(
    fileIoHandler(tf, entry, async (p) => {
      const f = files[p];
      if (!f) throw new Error(`model file ${p} missing`);
      return f;
    }),
  );
}

export async function letterboxImage(
  tf: Tf,
  bytes: Buffer,
): Promise<{ input: tfjs.Tensor4D; letterbox: Letterbox }> {
  const { inputWidth: w, inputHeight: h, padValue } = CENTERNET_PROCESSING;
  const prepared = await prepareImage(bytes, {
    inputWidth: w,
    inputHeight: h,
    padValue,
    maxPixels: 64e6,
  });
  const input = tf.tidy(() => tf.tensor4d(prepared.pixels, [1, h, w, 3], 'int32').toFloat());
  return { input: input as tfjs.Tensor4D, letterbox: prepared.letterbox };
}

export class Backbone {
  private constructor(
    private readonly tf: Tf,
    private readonly model: tfjs.GraphModel,
  ) {}

  static async load(tf: Tf): Promise<Backbone> {
    return new Backbone(tf, await loadGraph(tf, readBaseModelFiles(), DEFAULT_MODEL_ENTRY));
  }

  async features(bytes: Buffer): Promise<{ features: ImageFeatures; letterbox: Letterbox }> {
    const { input, letterbox } = await letterboxImage(this.tf, bytes);
    try {
      const out = this.model.execute(input, [FEATURE_NODES.cls, FEATURE_NODES.wh]) as tfjs.Tensor[];
      const [cls, wh] = await Promise.all(out.map((t) => t.data() as Promise<Float32Array>));
      this.tf.dispose(out);
      if (cls!.length !== GRID * GRID * FEATURE_CHANNELS)
        throw new Error('unexpected feature shape');
      return { features: { cls: cls!, wh: wh! }, letterbox };
    } finally {
      input.dispose();
    }
  }

  dispose(): void {
    this.model.dispose();
  }
}
