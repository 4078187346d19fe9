// The serving process's inference engine: a fixed set of inference threads (one for the native
// backend, which threads inside TensorFlow; one per core for wasm) that own every model session.
// The main thread keeps HTTP, admission, decoding and metrics. A thread that fails (exception,
// exit, stall) has its in-flight calls answered 503 at once and is replaced; the replacement
// reloads every model version before it takes work again, and `ready` is false until then.
import * as os from 'node:os';
import type { DetectionModel } from '../../../core/detection/detector';
import type { PreparedImage } from '../../../core/detection/decode';
import type { Detection, DetectOptions } from '../../../core/detection/postprocess';
import type { ProcessingConfig } from '../../../core/registry/types';
import { engineUnavailable } from '../errors';
import { applyNativeTfDefaults } from '../../../core/tf/native-env';
import { InferenceThread, type ThreadLimits } from './inference-thread-handle';
import type { LoadSpec, ThreadInit } from './protocol';

export interface EngineOptions extends ThreadLimits {
  /** Threads to run, or 'auto': one for the native backend, one per core (max 4) otherwise. */
  readonly threads: number | 'auto';
  readonly init: ThreadInit;
  /** A replaced thread (after a crash or stall): reason and how long the replacement took. */
  readonly onRestart?: (reason: string, seconds: number) => void;
  readonly log?: (msg: string) => void;
}

interface Slot {
  thread?: InferenceThread;
}

/** Native TensorFlow runs its kernels on all cores in one call; wasm is one thread per instance. */
export function autoThreads(backend: string): number {
  return backend === 'tensorflow' ? 1 : Math.min(os.availableParallelism(), 4);
}

const RESPAWN_BACKOFF_MS = [0, 500, 1000, 2000, 5000];

export class InferenceEngine {
  private readonly specs = new Map<string, LoadSpec>();
  private nextKey = 1;
  private closed = false;

  private constructor(
    private readonly options: EngineOptions,
    private readonly slots: Slot[],
    /** The backend the threads run (`tensorflow`, `wasm`, `cpu`). */
    readonly backend: string,
    /** One line saying which backend runs and why. */
    readonly line: string,
  ) {}

  static async start(options: EngineOptions): Promise<InferenceEngine> {
    if (options.threads !== 'auto' && options.threads < 1) {
      throw new Error('the inference engine needs at least one thread');
    }
    applyNativeTfDefaults(); // before any thread loads libtensorflow
    const ref: { engine?: InferenceEngine } = {};
    const slots: Slot[] = [];
    const startIn = (slot: Slot) =>
      InferenceThread.start(options.init, options, (reason) => ref.engine?.replace(slot, reason));
    // The first thread tells the backend, which decides how many threads 'auto' means.
    slots.push({});
    const first = await startIn(slots[0]!);
    slots[0]!.thread = first;
    const count = options.threads === 'auto' ? autoThreads(first.backend) : options.threads;
    while (slots.length < count) slots.push({});
    const started = await Promise.allSettled(slots.slice(1).map(startIn));
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    const threads = [first, ...started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))];
    if (failed) {
      await Promise.all(threads.map((t) => t.terminate('another thread failed to start')));
      throw failed.reason;
    }
    threads.forEach((t, i) => (slots[i]!.thread = t));
    ref.engine = new InferenceEngine(options, slots, first.backend, first.line);
    return ref.engine;
  }

  get threads(): number {
    return this.slots.length;
  }

  /** Every thread is up with every model version loaded. */
  get ready(): boolean {
    return !this.closed && this.slots.every((s) => s.thread?.alive === true);
  }

  /** Tensors alive across the threads after their last detections. */
  get liveTensors(): number {
    return this.slots.reduce((n, s) => n + (s.thread?.liveTensors ?? 0), 0);
  }

  /** Detect calls answered by each live thread (how the work spreads). */
  answeredPerThread(): number[] {
    return this.slots.map((s) => s.thread?.answered ?? 0);
  }

  /** Tensors alive across the threads, asked of each thread now (tests, leak checks). */
  async memory(): Promise<number> {
    const counts = await Promise.all(this.live().map((t) => t.memory()));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Loads and warms one model version on every thread. */
  async load(name: string, version: number, spec: LoadSpec): Promise<DetectionModel> {
    const key = `${name}:${version}#${this.nextKey++}`;
    const threads = this.live();
    if (threads.length < this.slots.length)
      throw engineUnavailable('an inference thread is restarting');
    const results = await Promise.allSettled(threads.map((t) => t.load(key, spec)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      threads.forEach((t) => t.unload(key));
      throw failed.reason;
    }
    this.specs.set(key, spec);
    const { execution, maxBatch } = (
      results[0] as PromiseFulfilledResult<{ execution: string; maxBatch: number }>
    ).value;
    return new EngineModel(this, key, spec.processing, maxBatch, execution);
  }

  unload(key: string): void {
    this.specs.delete(key);
    for (const s of this.slots) s.thread?.unload(key);
  }

  /** Runs one batch on the least busy thread that has the version loaded. */
  detect(
    key: string,
    images: readonly PreparedImage[],
    options: readonly DetectOptions[],
  ): Promise<{ detections: Detection[][]; inferenceMs: number }> {
    const candidates = this.live().filter((t) => t.loaded.has(key));
    if (candidates.length === 0) {
      return Promise.reject(
        engineUnavailable('no inference thread has this model loaded (restarting)'),
      );
    }
    const thread = candidates.reduce((a, b) => (b.busy < a.busy ? b : a));
    return thread.detect(key, images, options);
  }

  /** Terminates one thread as a crash would (tests, and an operator's last resort). */
  async kill(index: number, reason: string): Promise<void> {
    await this.slots[index]?.thread?.terminate(reason);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.thread?.terminate('the engine is closing')));
  }

  private live(): InferenceThread[] {
    return this.slots.flatMap((s) => (s.thread?.alive ? [s.thread] : []));
  }

  // Starts a new thread for a failed one and reloads every model version on it; retries with
  // back-off while the start or a load fails. The slot takes work again only when complete.
  private replace(slot: Slot, reason: string): void {
    if (this.closed) return;
    slot.thread = undefined;
    this.options.log?.(`inference thread down (${reason}); replacing it`);
    const started = performance.now();
    const attempt = async (n: number): Promise<void> => {
      await new Promise((r) =>
        setTimeout(r, RESPAWN_BACKOFF_MS[Math.min(n, RESPAWN_BACKOFF_MS.length - 1)]),
      );
      if (this.closed) return;
      let thread: InferenceThread | undefined;
      try {
        thread = await InferenceThread.start(this.options.init, this.options, (r) =>
          this.replace(slot, r),
        );
        for (const [key, spec] of this.specs) await thread.load(key, spec);
      } catch (err) {
        void thread?.terminate('replacement failed');
        this.options.log?.(`replacing the inference thread failed: ${(err as Error).message}`);
        return attempt(n + 1);
      }
      if (this.closed) return void thread.terminate('the engine is closing');
      slot.thread = thread;
      this.options.onRestart?.(reason, (performance.now() - started) / 1000);
    };
    void attempt(0);
  }
}

/** One model version loaded on the engine's threads, as the scheduler and manager see it. */
class EngineModel implements DetectionModel {
  private disposed = false;

  constructor(
    private readonly engine: InferenceEngine,
    private readonly key: string,
    readonly processing: ProcessingConfig,
    readonly maxBatch: number,
    readonly execution: string,
  ) {}

  async warmUp(): Promise<void> {
    // Warmed up on every thread before load() resolved.
  }

  detect(
    images: readonly PreparedImage[],
    options: readonly DetectOptions[],
  ): Promise<{ detections: Detection[][]; inferenceMs: number }> {
    if (this.disposed) return Promise.reject(new Error('detector was disposed'));
    return this.engine.detect(this.key, images, options);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.engine.unload(this.key);
  }
}
