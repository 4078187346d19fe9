// Messages between the main thread and a detector worker (worker_threads), shared by both sides.
import type { ModelFormat, ProcessingConfig } from '../../../core/registry/types';
import type { Letterbox } from '../../../core/detection/letterbox';
import type { Detection, DetectOptions } from '../../../core/detection/postprocess';

export interface WorkerInit {
  readonly format: ModelFormat;
  readonly entry: string;
  readonly inputDtype?: string;
  readonly processing: ProcessingConfig;
  /** The version's files (relative path → bytes). */
  readonly files: Record<string, Uint8Array>;
}

export type ToWorker =
  | {
      readonly type: 'detect';
      readonly id: number;
      readonly images: { pixels: Uint8Array; letterbox: Letterbox; format: string }[];
      readonly options: DetectOptions[];
    }
  | { readonly type: 'dispose' };

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'init-error'; readonly message: string }
  | {
      readonly type: 'result';
      readonly id: number;
      readonly detections: Detection[][];
      readonly inferenceMs: number;
    }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
