// One loaded detection model version: load (graph model or SavedModel) → warm-up on a zero
// tensor → detect batches of prepared images → dispose. Pre-processing runs inside tf.tidy;
// post-processing runs on typed arrays (postprocess.ts).
import type * as tfjs from '@tensorflow/tfjs';
import type { ModelFormat, ProcessingConfig } from '../registry/types';
import type { PreparedImage } from './decode';
import { loadCompiledGraph } from './compiled-graph';
import { fileIoHandler, type FileReader } from './io-handler';
import { decodeDetections, type Detection, type DetectOptions } from './postprocess';
import type { SavedModelLoader, Tensor, Tf } from './tf-types';

export interface DetectorSource {
  readonly format: ModelFormat;
  readonly entry: string;
  readonly read: FileReader;
  /** Input dtype from the signature (SavedModels from the TF OD API take uint8). */
  readonly inputDtype?: string;
  /** A local directory holding the version's files (SavedModels load from disk). */
  readonly localDir?: () => Promise<string>;
  /** Native backend: compile tfjs graph models into SavedModels cached here (else op by op). */
  readonly compileDir?: string;
}

type Runner = (input: Tensor) => Tensor[];

/** What the scheduler and manager need from a loaded model (in-process or a worker pool). */
export interface DetectionModel {
  readonly processing: ProcessingConfig;
  readonly maxBatch: number;
  /** How the model runs: compiled graph, eager op by op, SavedModel, or a worker pool. */
  readonly execution: string;
  warmUp(): Promise<void>;
  detect(
    images: readonly PreparedImage[],
    options: readonly DetectOptions[],
  ): Promise<{ detections: Detection[][]; inferenceMs: number }>;
  dispose(): void;
}

export class Detector implements DetectionModel {
  private disposed = false;

  private constructor(
    private readonly tf: Tf,
    readonly processing: ProcessingConfig,
    /** Largest batch one call accepts (1 when the graph's batch dimension is fixed). */
    readonly maxBatch: number,
    private readonly inputDtype: 'float32' | 'int32',
    private readonly runner: Runner,
    private readonly release: () => void,
    readonly execution: string,
  ) {}

  static async load(
    tf: Tf,
    source: DetectorSource,
    processing: ProcessingConfig,
    savedModels?: SavedModelLoader,
  ): Promise<Detector> {
    const inputDtype = /int|uint/.test(source.inputDtype ?? '') ? 'int32' : 'float32';
    const outputs = [...processing.outputNames];
    let fallbackReason: string | undefined;
    if (source.format === 'tfjs-graph' && savedModels && source.compileDir) {
      const compiled = await loadCompiledGraph(
        savedModels,
        source.entry,
        source.read,
        outputs,
        source.compileDir,
      ).catch((err: unknown) => err as Error);
      if (!(compiled instanceof Error)) {
        const { model, maxBatch } = compiled;
        const run: Runner = (x) => pickOutputs(model.predict(x), outputs);
        const release = () => model.dispose();
        return new Detector(tf, processing, maxBatch, inputDtype, run, release, 'compiled');
      }
      fallbackReason = compiled.message;
    }
    if (source.format === 'tfjs-graph') {
      const model = await tf.loadGraphModel(fileIoHandler(tf, source.entry, source.read));
      const batchDim = model.inputs.find((i) => i.name === processing.inputName)?.shape?.[0];
      const maxBatch = batchDim === undefined || batchDim === -1 || batchDim === null ? 64 : 1;
      const run: Runner = (x) => {
        const out = model.execute({ [processing.inputName]: x }, outputs);
        return Array.isArray(out) ? out : [out];
      };
      const execution = fallbackReason ? `eager (compile failed: ${fallbackReason})` : 'eager';
      return new Detector(
        tf,
        processing,
        maxBatch,
        inputDtype,
        run,
        () => model.dispose(),
        execution,
      );
    }
    if (source.format === 'tf-saved-model') {
      if (!savedModels || !source.localDir) {
        throw new Error('TF SavedModels need the native TensorFlow backend (tfjs-node)');
      }
      const model = await savedModels.loadSavedModel(await source.localDir());
      const run: Runner = (x) => pickOutputs(model.predict(x), outputs);
      return new Detector(tf, processing, 1, inputDtype, run, () => model.dispose(), 'saved-model');
    }
    throw new Error(`model format ${source.format} is not servable as a detector`);
  }

  /** Runs the model once on zeros so kernels are compiled/allocated before real traffic. */
  async warmUp(): Promise<void> {
    const { inputHeight: h, inputWidth: w } = this.processing;
    const outputs = this.tf.tidy(() => this.runner(this.tf.zeros([1, h, w, 3], this.inputDtype)));
    await Promise.all(outputs.map((t) => t.data()));
    this.tf.dispose(outputs);
  }

  /** Detects objects in each image; returns one list per image plus the raw model time. */
  async detect(
    images: readonly PreparedImage[],
    options: readonly DetectOptions[],
  ): Promise<{ detections: Detection[][]; inferenceMs: number }> {
    if (this.disposed) throw new Error('detector was disposed');
    const results: Detection[][] = [];
    let inferenceMs = 0;
    for (let start = 0; start < images.length; start += this.maxBatch) {
      const chunk = images.slice(start, start + this.maxBatch);
      const t0 = performance.now();
      const outputs = this.tf.tidy(() => this.runner(this.toInput(chunk)));
      let data: Float32Array[];
      try {
        data = (await Promise.all(outputs.map((t) => t.data()))).map((d) => Float32Array.from(d));
      } finally {
        this.tf.dispose(outputs);
      }
      inferenceMs += performance.now() - t0;
      chunk.forEach((image, i) => {
        // Each output is [n, ...]: image i owns the i-th equal slice of every output.
        const perImage = data.map((d) =>
          d.subarray((i * d.length) / chunk.length, ((i + 1) * d.length) / chunk.length),
        );
        results.push(
          decodeDetections(perImage, this.processing, image.letterbox, options[start + i]),
        );
      });
    }
    return { detections: results, inferenceMs };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.release();
  }

  // [n, H, W, 3] in the model's dtype and value range; runs inside the caller's tf.tidy. The
  // bytes are widened in JavaScript (a typed-array copy converts) rather than by a TensorFlow Cast
  // op: under load the eager op cost ~5 ms of the JS thread per image, the copy well under 1 ms.
  private toInput(images: readonly PreparedImage[]): Tensor {
    const { inputHeight: h, inputWidth: w, scale, offset } = this.processing;
    const size = h * w * 3;
    const shape: [number, number, number, number] = [images.length, h, w, 3];
    const joined =
      this.inputDtype === 'int32'
        ? new Int32Array(size * images.length)
        : new Float32Array(size * images.length);
    images.forEach((img, i) => joined.set(img.pixels, i * size));
    if (this.inputDtype === 'int32') return this.tf.tensor4d(joined, shape, 'int32');
    if (scale !== 1 || offset !== 0) {
      for (let k = 0; k < joined.length; k++) joined[k] = joined[k]! * scale + offset;
    }
    return this.tf.tensor4d(joined, shape, 'float32');
  }
}

function pickOutputs(
  out: tfjs.Tensor | tfjs.Tensor[] | tfjs.NamedTensorMap,
  names: readonly string[],
): Tensor[] {
  if (Array.isArray(out)) return out;
  if ('dataSync' in out && typeof out.dataSync === 'function') return [out as tfjs.Tensor];
  const map = out as tfjs.NamedTensorMap;
  return names.map((n) => {
    const t = map[n];
    if (!t) throw new Error(`SavedModel has no output ${n}`);
    return t;
  });
}
