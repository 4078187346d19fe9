// The model registry contract (TF Serving-style versioned base paths on object storage):
//   models/<name>/<version>/           model files + metadata.json, visible once COMMITTED exists
//   models/<name>/aliases/<alias>.json { version } — updated with conditional writes
// Serving reads it, training writes it, the CLI and the PR workflow query it.

/** How the serving runtime turns an image into the model's input and its output into boxes. */
export interface ProcessingConfig {
  /** Model input size in pixels; images are letterboxed into it keeping the aspect ratio. */
  readonly inputWidth: number;
  readonly inputHeight: number;
  /** Pixel scaling applied after resize: value * scale + offset (0..255 models: 1 and 0). */
  readonly scale: number;
  readonly offset: number;
  /** Letterbox padding value (0..255 before scaling). */
  readonly padValue: number;
  /** Output decoding: 'detections' = [1, N, 6] rows of x1,y1,x2,y2,score,class in input pixels. */
  readonly outputFormat: 'detections' | 'boxes-scores-classes';
  /** Input/output tensor names of the graph. */
  readonly inputName: string;
  readonly outputNames: readonly string[];
  /** Class labels indexed by class id. */
  readonly labels: readonly string[];
  /** Defaults applied when a request does not say otherwise. */
  readonly scoreThreshold: number;
  readonly iouThreshold: number;
  readonly maxDetections: number;
}

export type ModelFormat = 'tfjs-graph' | 'tf-saved-model' | 'tfjs-layers';

export interface TensorSignature {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly (number | null)[];
}

export interface ModelMetadata {
  readonly name: string;
  readonly version: number;
  readonly createdAt: string;
  readonly format: ModelFormat;
  /** Entry file within the version directory, e.g. model.json. */
  readonly entry: string;
  readonly signature: { readonly inputs: TensorSignature[]; readonly outputs: TensorSignature[] };
  readonly processing: ProcessingConfig;
  /** Evaluation metrics on the held-out split (e.g. { 'AP': 0.31, 'AP50': 0.52 }). */
  readonly metrics?: Readonly<Record<string, number>>;
  readonly perClassAP?: Readonly<Record<string, number>>;
  readonly dataset?: {
    readonly name: string;
    readonly version: number;
    readonly fingerprint: string;
  };
  readonly trainingParams?: Readonly<Record<string, unknown>>;
  readonly codeRevision?: string;
  readonly parentVersion?: { readonly name: string; readonly version: number };
  readonly runId?: string;
  /** Drift baseline from the evaluation data (monitoring issue). */
  readonly baseline?: Readonly<Record<string, unknown>>;
  /** sha256 per file, verified before the version is committed. */
  readonly files: Readonly<Record<string, { readonly sha256: string; readonly size: number }>>;
}
