// The inference queue: bounded (full → 503 with Retry-After), per-request deadlines that hold end
// to end (a job still queued at its deadline is answered 504 without running; one still running
// is answered 504 at its deadline, and its result is dropped), and dynamic batching — jobs for
// the same model version that arrive within `windowMs` run as one call of up to `maxBatch`
// images. Background jobs (shadow traffic) have a queue of their own that runs only when no
// foreground job waits, so they never delay a served request; when it is full they are dropped.
import { overloaded, timedOut } from '../errors';
import type { PreparedImage } from '../../../core/detection/decode';
import type { DetectionModel } from '../../../core/detection/detector';
import type { Detection, DetectOptions } from '../../../core/detection/postprocess';

export interface SchedulerOptions {
  readonly maxQueue: number;
  /** 1 disables batching. */
  readonly maxBatch: number;
  readonly windowMs: number;
  /** Batches that may run at the same time (the inference engine's thread count). */
  readonly concurrency?: number;
  readonly onBatch?: (tag: string, size: number, inferenceMs: number) => void;
  readonly onDepth?: (depth: number) => void;
}

export interface JobResult {
  readonly detections: Detection[];
  readonly inferenceMs: number;
  readonly queueMs: number;
  readonly batchSize: number;
}

interface Job {
  readonly detector: DetectionModel;
  readonly tag: string;
  readonly image: PreparedImage;
  readonly options: DetectOptions;
  readonly enqueuedAt: number;
  readonly deadline: number;
  readonly resolve: (r: JobResult) => void;
  readonly reject: (e: Error) => void;
}

/** A job's answer can come from its deadline or its result, whichever is first: settle once. */
function once(job: Job): Job {
  let settled = false;
  const guard =
    <T>(f: (v: T) => void) =>
    (v: T) => {
      if (settled) return;
      settled = true;
      f(v);
    };
  return { ...job, resolve: guard(job.resolve), reject: guard(job.reject) };
}

export class InferenceScheduler {
  private readonly queue: Job[] = [];
  private readonly background: Job[] = [];
  private active = 0;
  private timer?: NodeJS.Timeout;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: SchedulerOptions) {}

  get depth(): number {
    return this.queue.length;
  }

  /**
   * `tag` identifies the model version (jobs batch together only with the same detector).
   * `background` jobs (shadow traffic) run only when no foreground job waits.
   */
  submit(
    detector: DetectionModel,
    tag: string,
    image: PreparedImage,
    options: DetectOptions,
    timeoutMs: number,
    background = false,
  ): Promise<JobResult> {
    return this.enqueue(detector, tag, [image], options, timeoutMs, background).then((r) => r[0]!);
  }

  /**
   * Queues several images of one request as a whole: all are admitted or the request is shed
   * (an oversized request is admitted when the queue is empty, so it can always run).
   */
  submitAll(
    detector: DetectionModel,
    tag: string,
    images: readonly PreparedImage[],
    options: DetectOptions,
    timeoutMs: number,
  ): Promise<JobResult[]> {
    return this.enqueue(detector, tag, images, options, timeoutMs, false);
  }

  private enqueue(
    detector: DetectionModel,
    tag: string,
    images: readonly PreparedImage[],
    options: DetectOptions,
    timeoutMs: number,
    background: boolean,
  ): Promise<JobResult[]> {
    const queue = background ? this.background : this.queue;
    if (queue.length > 0 && queue.length + images.length > this.options.maxQueue) {
      return Promise.reject(overloaded(1));
    }
    const now = performance.now();
    const results = images.map(
      (image) =>
        new Promise<JobResult>((resolve, reject) => {
          queue.push(
            once({
              detector,
              tag,
              image,
              options,
              enqueuedAt: now,
              deadline: now + timeoutMs,
              resolve,
              reject,
            }),
          );
        }),
    );
    this.options.onDepth?.(this.queue.length);
    this.pump();
    return Promise.all(results);
  }

  /** Resolves once nothing is queued or running (used by graceful shutdown and hot swaps). */
  idle(): Promise<void> {
    if (this.active === 0 && this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private get pending(): number {
    return this.queue.length + this.background.length;
  }

  // Starts batches while fewer than `concurrency` run; a partial batch waits for its window.
  private pump(): void {
    const concurrency = this.options.concurrency ?? 1;
    while (this.active < concurrency && this.pending > 0) {
      const queue = this.queue.length > 0 ? this.queue : this.background;
      const wait = this.windowWait(queue);
      if (wait > 0) {
        this.timer ??= setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, wait);
        return;
      }
      const batch = this.takeBatch(queue);
      if (batch.length === 0) continue;
      this.active++;
      void this.run(batch).finally(() => {
        this.active--;
        this.pump();
      });
    }
    this.notifyIdle();
  }

  // How long to wait (at most windowMs after the oldest job arrived) for more jobs of its version.
  private windowWait(queue: Job[]): number {
    const { maxBatch, windowMs } = this.options;
    const first = queue[0];
    if (maxBatch <= 1 || windowMs <= 0 || !first) return 0;
    const same = queue.filter((j) => j.detector === first.detector).length;
    return same >= maxBatch ? 0 : first.enqueuedAt + windowMs - performance.now();
  }

  private notifyIdle(): void {
    if (this.active > 0 || this.pending > 0) return;
    this.options.onDepth?.(0);
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((w) => w());
  }

  private takeBatch(queue: Job[]): Job[] {
    const now = performance.now();
    const first = queue[0];
    const batch: Job[] = [];
    for (let i = 0; i < queue.length && batch.length < this.options.maxBatch;) {
      const job = queue[i];
      if (job.deadline <= now) {
        queue.splice(i, 1);
        job.reject(timedOut('the request timed out waiting for inference'));
      } else if (job.detector === first.detector) {
        queue.splice(i, 1);
        batch.push(job);
      } else i++;
    }
    this.options.onDepth?.(this.queue.length);
    return batch;
  }

  private async run(batch: Job[]): Promise<void> {
    const started = performance.now();
    // A job whose deadline passes while its batch runs is answered 504 then, not when it ends.
    const timers = batch.map((job) =>
      setTimeout(
        () => job.reject(timedOut('the request timed out during inference')),
        Math.max(0, job.deadline - started),
      ),
    );
    try {
      const { detections, inferenceMs } = await batch[0].detector.detect(
        batch.map((j) => j.image),
        batch.map((j) => j.options),
      );
      this.options.onBatch?.(batch[0].tag, batch.length, inferenceMs);
      batch.forEach((job, i) =>
        job.resolve({
          detections: detections[i],
          inferenceMs: inferenceMs / batch.length,
          queueMs: started - job.enqueuedAt,
          batchSize: batch.length,
        }),
      );
    } catch (err) {
      batch.forEach((job) => job.reject(err instanceof Error ? err : new Error(String(err))));
    } finally {
      timers.forEach(clearTimeout);
    }
  }
}
