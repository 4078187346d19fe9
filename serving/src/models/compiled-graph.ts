// Native backend: a tfjs graph model compiled into a SavedModel (core/tf/saved-model) and loaded
// with tf.node.loadSavedModel, so TensorFlow runs the whole graph in one session call with its
// graph optimiser (measured ~4× faster than op-by-op execution for the default CenterNet, see
// BENCHMARKS.md). Compiled files are cached by content hash; a write is atomic (temp + rename).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import { compileGraphModel } from '../../../core/tf/saved-model/compile';
import { fileIoHandler, type FileReader } from './io-handler';
import type { SavedModelLoader, Tf } from './tf-types';

export interface CompiledGraph {
  readonly model: Awaited<ReturnType<SavedModelLoader['loadSavedModel']>>;
  /** Batch size the graph's input accepts (1 when its batch dimension is fixed). */
  readonly maxBatch: number;
}

async function writeOnce(dir: string, bytes: Uint8Array): Promise<void> {
  const file = path.join(dir, 'saved_model.pb');
  if (
    await fs
      .stat(file)
      .then((s) => s.size === bytes.length)
      .catch(() => false)
  )
    return;
  await fs.mkdir(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(tmp, bytes);
  await fs.rename(tmp, file);
}

export async function loadCompiledGraph(
  tf: Tf,
  loader: SavedModelLoader,
  entry: string,
  read: FileReader,
  outputs: readonly string[],
  cacheDir: string,
): Promise<CompiledGraph> {
  const artifacts = await fileIoHandler(tf, entry, read).load!();
  const modelJson = {
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [], weights: artifacts.weightSpecs ?? [] }],
    signature: artifacts.signature,
  } as tfjs.io.ModelJSON;
  const weights = artifacts.weightData as ArrayBuffer;
  const pb = compileGraphModel(tf, { modelJson, weights, outputs });
  const dir = path.join(cacheDir, createHash('sha256').update(pb).digest('hex').slice(0, 32));
  await writeOnce(dir, pb);
  const model = await loader.loadSavedModel(dir, ['serve'], 'serving_default');
  const inputs = (modelJson.modelTopology as { node: { op: string; attr?: unknown }[] }).node
    .filter((n) => n.op === 'Placeholder')
    .map((n) => (n.attr as { shape?: { shape?: { dim?: { size?: string }[] } } })?.shape?.shape);
  const batchDim = Number(inputs[0]?.dim?.[0]?.size ?? -1);
  return { model, maxBatch: batchDim === -1 ? 64 : Math.max(1, batchDim) };
}
