import { HttpError } from '../../../serving/src/errors';
import type { PreparedImage } from '../../../core/detection/decode';
import { InferenceScheduler } from '../../../serving/src/inference/scheduler';
import type { Detector } from '../../../core/detection/detector';
import { computeLetterbox } from '../../../core/detection/letterbox';

// A stand-in detector recording the batch sizes it is called with.
function fakeDetector(delayMs: number) {
  const calls: number[] = [];
  const detector = {
    detect: async (images: readonly PreparedImage[]) => {
      calls.push(images.length);
      await new Promise((r) => setTimeout(r, delayMs));
      return { detections: images.map(() => []), inferenceMs: delayMs };
    },
  } as unknown as Detector;
  return { detector, calls };
}

const image: PreparedImage = {
  pixels: new Uint8Array(3),
  letterbox: computeLetterbox(1, 1, 1, 1),
  format: 'png',
};
const opts = { scoreThreshold: 0.5, iouThreshold: 0.5, maxDetections: 10 };

describe('InferenceScheduler', () => {
  it('batches jobs arriving within the window up to the max batch size', async () => {
    const { detector, calls } = fakeDetector(5);
    const s = new InferenceScheduler({ maxQueue: 100, maxBatch: 4, windowMs: 20 });
    const results = await Promise.all(
      Array.from({ length: 6 }, () => s.submit(detector, 'm:1', image, opts, 5000)),
    );
    expect(calls).toEqual([4, 2]);
    expect(results.map((r) => r.batchSize)).toEqual([4, 4, 4, 4, 2, 2]);
  });

  it('runs one image per call when batching is off', async () => {
    const { detector, calls } = fakeDetector(1);
    const s = new InferenceScheduler({ maxQueue: 100, maxBatch: 1, windowMs: 0 });
    await Promise.all(
      Array.from({ length: 3 }, () => s.submit(detector, 'm:1', image, opts, 5000)),
    );
    expect(calls).toEqual([1, 1, 1]);
  });

  it('sheds load with 503 + Retry-After when the queue is full', async () => {
    const { detector } = fakeDetector(30);
    const s = new InferenceScheduler({ maxQueue: 2, maxBatch: 1, windowMs: 0 });
    const settled = await Promise.allSettled(
      Array.from({ length: 5 }, () => s.submit(detector, 'm:1', image, opts, 5000)),
    );
    const rejected = settled.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(rejected.length).toBeGreaterThan(0);
    expect((rejected[0].reason as HttpError).statusCode).toBe(503);
    expect((rejected[0].reason as HttpError).headers['retry-after']).toBeDefined();
  });

  it('answers 504 for jobs whose deadline passed while queued, without running them', async () => {
    const { detector, calls } = fakeDetector(50);
    const s = new InferenceScheduler({ maxQueue: 10, maxBatch: 1, windowMs: 0 });
    const first = s.submit(detector, 'm:1', image, opts, 5000);
    const late = s.submit(detector, 'm:1', image, opts, 10);
    await expect(late).rejects.toMatchObject({ statusCode: 504 });
    await first;
    expect(calls).toEqual([1]);
    await s.idle();
  });
});
