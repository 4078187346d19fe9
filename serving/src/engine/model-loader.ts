// What an inference thread loads models with: TensorFlow.js (the backend picked once per thread by
// initTf) or, in tests, a module of the same shape. Runs only on inference threads.
import * as path from 'node:path';
import { initTf, type BackendName } from '../../../core/tf/backend';
import { Detector, type DetectionModel } from '../../../core/detection/detector';
import type { LoadSpec } from './protocol';

export interface ModelLoader {
  /** The backend in use (`tensorflow`, `wasm`, `cpu`, or a test loader's name). */
  readonly backend: string;
  /** One line saying which backend runs and why (logged by the main thread). */
  readonly line: string;
  /** Loads and warms up one model version. */
  load(spec: LoadSpec): Promise<DetectionModel>;
  /** Tensors alive in this thread's TensorFlow.js (a leak shows as growth). */
  liveTensors(): number;
}

export async function createTfModelLoader(prefer?: BackendName): Promise<ModelLoader> {
  let line = '';
  const runtime = await initTf({ purpose: 'inference', prefer, log: (l) => (line = l) });
  return {
    backend: runtime.backend,
    line,
    liveTensors: () => runtime.tf.memory().numTensors,
    load: async (spec) => {
      const read = async (file: string) => {
        const bytes = spec.files[file];
        if (!bytes) throw new Error(`model file ${file} missing`);
        return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      };
      const { localDir } = spec;
      const detector = await Detector.load(
        runtime.tf,
        {
          format: spec.format,
          entry: spec.entry,
          read,
          inputDtype: spec.inputDtype,
          localDir: localDir
            ? async () => path.join(localDir, path.dirname(spec.entry))
            : undefined,
          compileDir: spec.compileDir,
        },
        spec.processing,
        runtime.node,
      );
      try {
        await detector.warmUp();
      } catch (err) {
        detector.dispose();
        throw err;
      }
      return detector;
    },
  };
}
