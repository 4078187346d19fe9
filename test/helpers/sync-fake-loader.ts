// A model loader standing in for TensorFlow on an inference thread. Like the native call, its
// detect blocks the thread synchronously (a busy wait of FAKE_INFERENCE_MS, default 100), so the
// tests see what the real engine does to timers and sockets. The image's first byte (a solid
// colour's red value) picks a fault: 201 throws, 202 never returns, 203 runs 20× longer.
import type { DetectionModel } from '../../core/detection/detector';
import type { ModelLoader } from '../../serving/src/engine/model-loader';

export const FAULT_RED = { throws: 201, hangs: 202, slow: 203 } as const;

function block(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // synchronous, like TFSavedModel.predict
  }
}

export async function createModelLoader(): Promise<ModelLoader> {
  const ms = Number(process.env.FAKE_INFERENCE_MS ?? 100);
  return {
    backend: 'fake',
    line: `fake synchronous detector (${ms} ms per image)`,
    liveTensors: () => 0,
    load: async (spec): Promise<DetectionModel> => ({
      processing: spec.processing,
      maxBatch: 1,
      execution: 'fake-sync',
      warmUp: async () => block(ms),
      detect: async (images) => {
        const started = performance.now();
        for (const image of images) {
          const red = image.pixels[0];
          if (red === FAULT_RED.throws) throw new Error('injected model failure');
          if (red === FAULT_RED.hangs) block(Number.POSITIVE_INFINITY);
          block(red === FAULT_RED.slow ? 20 * ms : ms);
        }
        return {
          detections: images.map(() => []),
          inferenceMs: performance.now() - started,
        };
      },
      dispose: () => undefined,
    }),
  };
}
