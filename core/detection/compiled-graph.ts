// Native backend: a tfjs graph model compiled into a SavedModel (core/tf/saved-model) and loaded
// with tf.node.loadSavedModel, so TensorFlow runs the whole graph in one session call with its
// graph optimiser (measured ~4× faster than op-by-op execution for the default CenterNet, see
// BENCHMARKS.md). The compiled file is cached under a hash of the model's own files and the
// requested outputs, so a restart loads it without compiling; writes are atomic (temp + rename).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import { compileGraphModel } from '../tf/saved-model/compile';
import type { FileReader } from './io-handler';
import type { SavedModelLoader } from './tf-types';

/** Bump when the compiler's output changes, so stale cached SavedModels are not reused. */
const COMPILER_VERSION = 1;

export interface CompiledGraph {
  readonly model: Awaited<ReturnType<SavedModelLoader['loadSavedModel']>>;
  /** Batch size the graph's input accepts (1 when its batch dimension is fixed). */
  readonly maxBatch: number;
}

interface PlaceholderNode {
  readonly op: string;
  readonly attr?: { shape?: { shape?: { dim?: { size?: string | number }[] } } };
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    (s) => s.size > 0,
    () => false,
  );
}

async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(tmp, bytes);
  await fs.rename(tmp, file);
}

export async function loadCompiledGraph(
  loader: SavedModelLoader,
  entry: string,
  read: FileReader,
  outputs: readonly string[],
  cacheDir: string,
): Promise<CompiledGraph> {
  const jsonBytes = await read(entry);
  const modelJson = JSON.parse(jsonBytes.toString('utf8')) as tfjs.io.ModelJSON;
  const dir = entry.includes('/') ? entry.slice(0, entry.lastIndexOf('/') + 1) : '';
  const shardNames = (modelJson.weightsManifest ?? []).flatMap((g) => g.paths);
  const shards = await Promise.all(shardNames.map((p) => read(dir + p)));
  const hash = createHash('sha256').update(`v${COMPILER_VERSION}\n${outputs.join('\n')}\n`);
  for (const b of [jsonBytes, ...shards]) hash.update(b);
  const target = path.join(cacheDir, hash.digest('hex').slice(0, 32));
  const file = path.join(target, 'saved_model.pb');
  if (!(await exists(file))) {
    const all = Buffer.concat(shards);
    const weights = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
    await writeAtomically(file, compileGraphModel({ modelJson, weights, outputs }));
  }
  const model = await loader.loadSavedModel(target, ['serve'], 'serving_default');
  const nodes = (modelJson.modelTopology as { node?: PlaceholderNode[] }).node ?? [];
  const input = nodes.find((n) => n.op === 'Placeholder');
  const batchDim = Number(input?.attr?.shape?.shape?.dim?.[0]?.size ?? -1);
  return { model, maxBatch: batchDim === -1 ? 64 : Math.max(1, batchDim) };
}
