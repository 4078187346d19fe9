// A pool of detector workers (worker_threads) for the wasm backend, whose kernels run on one
// thread per instance: N workers use N cores. It is a DetectionModel like the in-process one.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PreparedImage } from '../../../core/detection/decode';
import type { DetectionModel } from '../../../core/detection/detector';
import type { Detection, DetectOptions } from '../../../core/detection/postprocess';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol';

interface Pending {
  readonly resolve: (r: { detections: Detection[][]; inferenceMs: number }) => void;
  readonly reject: (e: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  busy: number;
}

// Under tsx/jest the worker source is TypeScript: register tsx inside the worker first.
function spawn(init: WorkerInit): Worker {
  const file = path.join(__dirname, `detector-worker${path.extname(__filename)}`);
  if (file.endsWith('.ts')) {
    const code = `require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`;
    return new Worker(code, { eval: true, workerData: init });
  }
  return new Worker(file, { workerData: init });
}

export class WorkerPoolDetector implements DetectionModel {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private disposed = false;
  readonly execution = 'worker-pool';

  private constructor(
    private readonly slots: Slot[],
    readonly processing: WorkerInit['processing'],
  ) {
    for (const slot of slots) {
      slot.worker.on('message', (m: FromWorker) => {
        if (m.type !== 'result' && m.type !== 'error') return;
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        slot.busy--;
        if (m.type === 'result')
          p?.resolve({ detections: m.detections, inferenceMs: m.inferenceMs });
        else p?.reject(new Error(m.message));
      });
    }
  }

  /** Starts `size` workers, each loading and warming the model; resolves when all are ready. */
  static async start(size: number, init: WorkerInit): Promise<WorkerPoolDetector> {
    const workers = Array.from({ length: size }, () => spawn(init));
    try {
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve, reject) => {
              w.once('error', reject);
              w.once('message', (m: FromWorker) =>
                m.type === 'ready'
                  ? resolve()
                  : reject(new Error(m.type === 'init-error' ? m.message : 'worker failed')),
              );
            }),
        ),
      );
    } catch (err) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw err;
    }
    return new WorkerPoolDetector(
      workers.map((worker) => ({ worker, busy: 0 })),
      init.processing,
    );
  }

  get maxBatch(): number {
    return 64;
  }

  get size(): number {
    return this.slots.length;
  }

  async warmUp(): Promise<void> {
    // Every worker warmed up before reporting ready.
  }

  detect(
    images: readonly PreparedImage[],
    options: readonly DetectOptions[],
  ): Promise<{ detections: Detection[][]; inferenceMs: number }> {
    if (this.disposed) return Promise.reject(new Error('detector was disposed'));
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const msg: ToWorker = {
        type: 'detect',
        id,
        images: images.map((i) => ({ pixels: i.pixels, letterbox: i.letterbox, format: i.format })),
        options: [...options],
      };
      slot.worker.postMessage(msg);
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const { worker } of this.slots) worker.postMessage({ type: 'dispose' } satisfies ToWorker);
    for (const p of this.pending.values()) p.reject(new Error('detector was disposed'));
    setTimeout(() => this.slots.forEach((s) => void s.worker.terminate()), 1000).unref();
  }
}
