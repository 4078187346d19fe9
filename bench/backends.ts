// Benchmark: inference time of the default detection model (@vladmandic/human's CenterNet,
// [1,512,512,3] float32 -> tower_0/detections [1,100,6]) on each available TensorFlow.js backend,
// in one process, after warm-up. Prints median/p10/p90 per backend and how far their outputs differ.
// Usage: npm run bench:backends [-- --runs 25 --warmup 3 --backends tensorflow,wasm]
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type * as tfjs from '@tensorflow/tfjs';
import { initTf, parseBackendName, switchBackend, type BackendName } from '../core/tf/backend';

const INPUT = 'tower_0/images';
const OUTPUT = 'tower_0/detections';

interface Result {
  readonly backend: BackendName;
  readonly loadMs: number;
  readonly timesMs: number[];
  readonly detections: Float32Array;
}

function modelDir(): string {
  // The package's `exports` map has no "./package.json", so go from its resolved main file.
  return path.join(path.dirname(require.resolve('@vladmandic/human')), '..', 'models');
}

function fileHandler(tf: typeof tfjs, jsonPath: string): tfjs.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(await fs.readFile(jsonPath, 'utf8')) as tfjs.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs = manifest.flatMap((group) => group.weights);
        const shards = await Promise.all(
          manifest
            .flatMap((g) => g.paths)
            .map((p) => fs.readFile(path.join(path.dirname(jsonPath), p))),
        );
        const all = Buffer.concat(shards);
        return [specs, all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength)];
      });
    },
  };
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))]!;
}

interface Prepared {
  readonly backend: BackendName;
  readonly loadMs: number;
  readonly run: () => Float32Array;
}

/** Loads the model with `backend` active, so its weights live on that backend; warms it up. */
async function prepare(
  tf: typeof tfjs,
  backend: BackendName,
  input: Float32Array,
  warmup: number,
): Promise<Prepared> {
  await switchBackend(backend);
  const t0 = performance.now();
  const model = await tf.loadGraphModel(fileHandler(tf, path.join(modelDir(), 'centernet.json')));
  const loadMs = performance.now() - t0;
  const run = (): Float32Array =>
    tf.tidy(() => {
      const x = tf.tensor4d(input, [1, 512, 512, 3]);
      return (model.execute({ [INPUT]: x }, OUTPUT) as tfjs.Tensor).dataSync() as Float32Array;
    });
  for (let i = 0; i < warmup; i++) run();
  return { backend, loadMs, run };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '25' },
      warmup: { type: 'string', default: '3' },
      backends: { type: 'string', default: 'tensorflow,wasm' },
    },
  });
  const runs = Number(values.runs);
  const warmup = Number(values.warmup);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer`);
  if (!Number.isInteger(warmup) || warmup < 0) throw new Error(`--warmup must be an integer >= 0`);
  const wanted = values.backends.split(',').map((b) => parseBackendName(b, '--backends')!);

  const runtime = await initTf({ purpose: 'inference', log: (l) => console.log(l) });
  const backends = wanted.filter((b) => b !== 'tensorflow' || runtime.backend === 'tensorflow');
  for (const skipped of wanted.filter((b) => !backends.includes(b))) {
    console.log(`skipping ${skipped}: not available in this process (see the line above)`);
  }
  // A deterministic image-like input in 0..255 (the model's expected range).
  const input = Float32Array.from({ length: 512 * 512 * 3 }, (_, i) => (i * 2654435761) % 256);

  const prepared: Prepared[] = [];
  for (const backend of backends) {
    prepared.push(await prepare(runtime.tf, backend, input, warmup));
  }
  // Runs alternate between backends so load from other processes hits both alike.
  const results: Result[] = prepared.map((p) => ({
    backend: p.backend,
    loadMs: p.loadMs,
    timesMs: [],
    detections: new Float32Array(),
  }));
  for (let i = 0; i < runs; i++) {
    for (const [k, p] of prepared.entries()) {
      await switchBackend(p.backend);
      const start = performance.now();
      const detections = p.run();
      const r = results[k]!;
      r.timesMs.push(performance.now() - start);
      results[k] = { ...r, detections };
    }
  }
  console.log(
    `\ncenternet 512x512, ${runs} runs after ${warmup} warm-up, one process, ${new Date().toISOString()}`,
  );
  console.log('backend     load ms   median ms   p10 ms   p90 ms   mean ms');
  for (const r of results) {
    const sorted = [...r.timesMs].sort((a, b) => a - b);
    const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
    const row = [
      r.loadMs,
      percentile(sorted, 0.5),
      percentile(sorted, 0.1),
      percentile(sorted, 0.9),
      mean,
    ];
    console.log(r.backend.padEnd(10), ...row.map((v) => v.toFixed(1).padStart(9)));
  }
  if (results.length === 2) {
    const [a, b] = results as [Result, Result];
    let maxDiff = 0;
    for (let i = 0; i < a.detections.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(a.detections[i]! - b.detections[i]!));
    }
    const speedup =
      percentile(
        [...b.timesMs].sort((x, y) => x - y),
        0.5,
      ) /
      percentile(
        [...a.timesMs].sort((x, y) => x - y),
        0.5,
      );
    console.log(
      `${a.backend} is ${speedup.toFixed(2)}x ${b.backend} (median); max |detections diff| ${maxDiff.toExponential(2)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
