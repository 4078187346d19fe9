// Messages between the serving process's main thread and its inference threads (worker_threads),
// shared by both sides. The main thread never runs TensorFlow: it sends prepared images and gets
// detections back; loading, compiling, warm-up and inference all happen on an inference thread.
import type { BackendName } from '../../../core/tf/backend';
import type { ModelFormat, ProcessingConfig } from '../../../core/registry/types';
import type { PreparedImage } from '../../../core/detection/decode';
import type { Detection, DetectOptions } from '../../../core/detection/postprocess';

/** workerData of an inference thread. */
export interface ThreadInit {
  /** Backend to use; unset = native TensorFlow when tfjs-node loads, else wasm. */
  readonly prefer?: BackendName;
  /**
   * A module exporting `createModelLoader(): ModelLoader` used instead of TensorFlow.js (tests:
   * a synchronous fake that blocks its thread like the native call does).
   */
  readonly loaderModule?: string;
}

/** One model version to load on a thread. */
export interface LoadSpec {
  readonly format: ModelFormat;
  readonly entry: string;
  readonly inputDtype?: string;
  readonly processing: ProcessingConfig;
  /** The version's files (relative path → bytes); SavedModels use `localDir` instead. */
  readonly files: Readonly<Record<string, Uint8Array>>;
  /** A directory holding the version's files, for loaders that read from disk (SavedModels). */
  readonly localDir?: string;
  /** Native backend: compile tfjs graph models into SavedModels cached here. */
  readonly compileDir?: string;
}

export type ToThread =
  | { readonly type: 'load'; readonly id: number; readonly key: string; readonly spec: LoadSpec }
  | { readonly type: 'unload'; readonly key: string }
  | { readonly type: 'memory'; readonly id: number }
  | {
      readonly type: 'detect';
      readonly id: number;
      readonly key: string;
      readonly images: readonly PreparedImage[];
      readonly options: readonly DetectOptions[];
    };

export type FromThread =
  | { readonly type: 'ready'; readonly backend: string; readonly line: string }
  | { readonly type: 'init-error'; readonly message: string }
  | {
      readonly type: 'loaded';
      readonly id: number;
      readonly execution: string;
      readonly maxBatch: number;
    }
  | {
      readonly type: 'result';
      readonly id: number;
      readonly detections: Detection[][];
      readonly inferenceMs: number;
      readonly liveTensors: number;
    }
  | { readonly type: 'memory'; readonly id: number; readonly liveTensors: number }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
