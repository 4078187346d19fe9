// The main thread's handle on one inference thread: request/response over postMessage, and the
// thread's failure modes turned into answers. An exception escaping the thread, its exit, or a
// call running past its stall limit (the native call cannot be interrupted: the thread is
// terminated) rejects everything in flight on it at once with 503, and reports the thread down.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { engineUnavailable } from '../errors';
import type { Detection, DetectOptions } from '../../../core/detection/postprocess';
import type { PreparedImage } from '../../../core/detection/decode';
import type { FromThread, LoadSpec, ThreadInit, ToThread } from './protocol';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface Pending {
  readonly resolve: (m: FromThread) => void;
  readonly reject: (e: Error) => void;
  readonly startedAt: number;
  readonly limitMs: number;
  readonly what: string;
}

export interface ThreadLimits {
  /** V8 old-generation limit (MiB) of the thread's heap; beyond it the thread is replaced. */
  readonly heapMb: number;
  /** A detect call running longer than this is declared stuck: the thread is replaced. */
  readonly stallMs: number;
  /** The same for loading (and compiling, warming up) one model version. */
  readonly loadMs: number;
}

/** The thread's young generation (MiB): per-request garbage only, like the main thread's. */
const YOUNG_GENERATION_MB = 6;

// Under tsx/jest the thread's source is TypeScript: register tsx inside the thread first. The heap
// limits matter for memory: unbounded, V8 grows an isolate's heap lazily on a machine with many
// GiB (measured 30-60 MiB more resident per replica).
function spawn(init: ThreadInit, heapMb: number): Worker {
  const options = {
    workerData: init,
    resourceLimits: {
      maxOldGenerationSizeMb: heapMb,
      maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
    },
  };
  const file = path.join(__dirname, `inference-thread${path.extname(__filename)}`);
  if (file.endsWith('.ts')) {
    const code = `require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`;
    return new Worker(code, { ...options, eval: true });
  }
  return new Worker(file, options);
}

export class InferenceThread {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly watchdog: NodeJS.Timeout;
  private down = false;
  /** Keys of the model versions loaded on this thread. */
  readonly loaded = new Set<string>();
  /** Tensors alive in the thread's TensorFlow.js after its last detection. */
  liveTensors = 0;
  /** Detect calls this thread has answered. */
  answered = 0;

  private constructor(
    private readonly worker: Worker,
    private readonly limits: ThreadLimits,
    private readonly onDown: (reason: string) => void,
    readonly backend: string,
    readonly line: string,
  ) {
    worker.on('message', (m: FromThread) => {
      if (m.type === 'ready' || m.type === 'init-error') return;
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.type === 'error') p?.reject(new Error(m.message));
      else p?.resolve(m);
    });
    worker.on('error', (err) => this.fail(`inference thread failed: ${err.message}`));
    worker.on('exit', (code) => this.fail(`inference thread exited with code ${code}`));
    this.watchdog = setInterval(() => this.checkStalls(), Math.min(100, limits.stallMs / 4));
    this.watchdog.unref();
  }

  /** Starts a thread and waits until its backend is initialised. */
  static start(
    init: ThreadInit,
    limits: ThreadLimits,
    onDown: (reason: string) => void,
  ): Promise<InferenceThread> {
    const worker = spawn(init, limits.heapMb);
    return new Promise((resolve, reject) => {
      const failed = (reason: string) => {
        void worker.terminate();
        reject(new Error(reason));
      };
      worker.once('error', (err) => failed(`inference thread failed to start: ${err.message}`));
      worker.once('exit', (code) => failed(`inference thread exited with code ${code} at start`));
      worker.once('message', (m: FromThread) => {
        worker.removeAllListeners('error').removeAllListeners('exit');
        if (m.type === 'ready')
          resolve(new InferenceThread(worker, limits, onDown, m.backend, m.line));
        else failed(m.type === 'init-error' ? m.message : `unexpected first message ${m.type}`);
      });
    });
  }

  get alive(): boolean {
    return !this.down;
  }

  /** Detect calls in flight on this thread. */
  get busy(): number {
    let n = 0;
    for (const p of this.pending.values()) if (p.what === 'detect') n++;
    return n;
  }

  async load(key: string, spec: LoadSpec): Promise<{ execution: string; maxBatch: number }> {
    const m = await this.call({ type: 'load', key, spec }, 'load', this.limits.loadMs);
    if (m.type !== 'loaded') throw new Error(`unexpected answer ${m.type} to load`);
    this.loaded.add(key);
    return { execution: m.execution, maxBatch: m.maxBatch };
  }

  unload(key: string): void {
    if (!this.loaded.delete(key) || this.down) return;
    this.worker.postMessage({ type: 'unload', key } satisfies ToThread);
  }

  async detect(
    key: string,
    images: readonly PreparedImage[],
    options: readonly DetectOptions[],
  ): Promise<{ detections: Detection[][]; inferenceMs: number }> {
    const m = await this.call(
      { type: 'detect', key, images, options },
      'detect',
      this.limits.stallMs,
    );
    if (m.type !== 'result') throw new Error(`unexpected answer ${m.type} to detect`);
    this.liveTensors = m.liveTensors;
    this.answered++;
    return { detections: m.detections, inferenceMs: m.inferenceMs };
  }

  /** Tensors alive on the thread once everything sent before has been handled. */
  async memory(): Promise<number> {
    const m = await this.call({ type: 'memory' }, 'memory', this.limits.stallMs);
    if (m.type !== 'memory') throw new Error(`unexpected answer ${m.type} to memory`);
    this.liveTensors = m.liveTensors;
    return m.liveTensors;
  }

  /** Terminates the thread; everything in flight is answered 503. */
  terminate(reason: string): Promise<void> {
    this.fail(reason);
    return this.worker.terminate().then(() => undefined);
  }

  private call(
    msg: DistributiveOmit<Exclude<ToThread, { type: 'unload' }>, 'id'>,
    what: string,
    limitMs: number,
  ): Promise<FromThread> {
    if (this.down) return Promise.reject(engineUnavailable('the inference thread is restarting'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, startedAt: performance.now(), limitMs, what });
      this.worker.postMessage({ ...msg, id } as ToThread);
    });
  }

  private checkStalls(): void {
    const now = performance.now();
    for (const p of this.pending.values()) {
      if (now - p.startedAt > p.limitMs) {
        void this.terminate(`a ${p.what} call ran past ${p.limitMs} ms: inference thread replaced`);
        return;
      }
    }
  }

  private fail(reason: string): void {
    if (this.down) return;
    this.down = true;
    clearInterval(this.watchdog);
    const error = engineUnavailable(reason);
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    void this.worker.terminate();
    this.onDown(reason);
  }
}
