// Exports the trained projections into the base graph: same topology, same input/output names and
// decoder, new weights (stored unquantised float32). Unused heatmap channels get zero weights and
// a very negative bias, so only the K new classes can ever be detected.
import type * as tfjs from '@tensorflow/tfjs';
import {
  DISABLED_BIAS,
  FEATURE_CHANNELS,
  GRAPH_CLASSES,
  HEAD_WEIGHTS,
  type HeadParams,
} from './centernet-head';

type Tf = typeof tfjs;

export const EXPORT_ENTRY = 'model.json';
export const EXPORT_WEIGHTS = 'weights.bin';

export async function exportModel(
  tf: Tf,
  base: Readonly<Record<string, Buffer>>,
  baseEntry: string,
  head: HeadParams,
): Promise<Record<string, Buffer>> {
  const json = JSON.parse(base[baseEntry]!.toString('utf8')) as tfjs.io.ModelJSON;
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const shards = Buffer.concat(json.weightsManifest.flatMap((g) => g.paths.map((p) => base[p]!)));
  const weights = tf.io.decodeWeights(
    shards.buffer.slice(shards.byteOffset, shards.byteOffset + shards.byteLength),
    specs,
  );
  const K = head.classes;
  const clsKernel = new Float32Array(FEATURE_CHANNELS * GRAPH_CLASSES);
  const clsBias = new Float32Array(GRAPH_CLASSES).fill(DISABLED_BIAS);
  for (let c = 0; c < FEATURE_CHANNELS; c++)
    for (let k = 0; k < K; k++) clsKernel[c * GRAPH_CLASSES + k] = head.clsKernel[c * K + k]!;
  clsBias.set(head.clsBias.subarray(0, K));
  const replaced: Record<string, tfjs.Tensor> = {
    [HEAD_WEIGHTS.clsKernel]: tf.tensor4d(clsKernel, [1, 1, FEATURE_CHANNELS, GRAPH_CLASSES]),
    [HEAD_WEIGHTS.clsBias]: tf.tensor1d(clsBias),
    [HEAD_WEIGHTS.whKernel]: tf.tensor4d(head.whKernel, [1, 1, FEATURE_CHANNELS, 4]),
    [HEAD_WEIGHTS.whBias]: tf.tensor1d(head.whBias),
  };
  for (const [name, t] of Object.entries(replaced)) {
    if (!weights[name]) throw new Error(`base model has no weight ${name}`);
    weights[name]!.dispose();
    weights[name] = t;
  }
  // Named order keeps the export deterministic.
  const ordered = specs.map((s) => ({ name: s.name, tensor: weights[s.name]! }));
  const encoded = await tf.io.encodeWeights(ordered);
  tf.dispose(Object.values(weights));
  const out: tfjs.io.ModelJSON = {
    ...json,
    weightsManifest: [{ paths: [EXPORT_WEIGHTS], weights: encoded.specs }],
  };
  return {
    [EXPORT_ENTRY]: Buffer.from(JSON.stringify(out)),
    [EXPORT_WEIGHTS]: Buffer.from(encoded.data as ArrayBuffer),
  };
}

/** Reads the current projections of a graph's weights (the pre-trained init, or a model's). */
export function readHeadInit(
  tf: Tf,
  base: Readonly<Record<string, Buffer>>,
  baseEntry: string,
  classes: number,
): HeadParams {
  const json = JSON.parse(base[baseEntry]!.toString('utf8')) as tfjs.io.ModelJSON;
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const shards = Buffer.concat(json.weightsManifest.flatMap((g) => g.paths.map((p) => base[p]!)));
  const w = tf.io.decodeWeights(
    shards.buffer.slice(shards.byteOffset, shards.byteOffset + shards.byteLength),
    specs,
  );
  const get = (n: string) => w[n]!.dataSync() as Float32Array;
  const cls = get(HEAD_WEIGHTS.clsKernel);
  const clsKernel = new Float32Array(FEATURE_CHANNELS * classes);
  for (let c = 0; c < FEATURE_CHANNELS; c++)
    for (let k = 0; k < classes; k++) clsKernel[c * classes + k] = cls[c * GRAPH_CLASSES + k]!;
  const head: HeadParams = {
    classes,
    clsKernel,
    clsBias: get(HEAD_WEIGHTS.clsBias).slice(0, classes),
    whKernel: get(HEAD_WEIGHTS.whKernel).slice(),
    whBias: get(HEAD_WEIGHTS.whBias).slice(),
  };
  tf.dispose(Object.values(w));
  return head;
}
