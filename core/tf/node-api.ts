// The subset of tfjs-node's `tf.node` namespace the workloads use, typed locally: tfjs-node is an
// optional dependency, so its own typings may be absent and nothing may import it statically.
import type * as tfjs from '@tensorflow/tfjs';

/** A TensorFlow SavedModel loaded into the native runtime (the whole graph runs inside TF). */
export interface NodeSavedModel {
  readonly inputs: unknown;
  readonly outputs: unknown;
  predict(
    inputs: tfjs.Tensor | tfjs.Tensor[] | tfjs.NamedTensorMap,
    config?: { batchSize?: number },
  ): tfjs.Tensor | tfjs.Tensor[] | tfjs.NamedTensorMap;
  dispose(): void;
}

/** One meta graph of a SavedModel as reported by `getMetaGraphsFromSavedModel`. */
export interface NodeMetaGraph {
  readonly tags: string[];
  readonly signatureDefs: Record<
    string,
    {
      readonly inputs: Record<string, { name: string; dtype: string; shape: number[] }>;
      readonly outputs: Record<string, { name: string; dtype: string; shape: number[] }>;
    }
  >;
}

/** `tf.node` of @tensorflow/tfjs-node 4.x (only present with the native backend). */
export interface NodeTfApi {
  loadSavedModel(path: string, tags?: string[], signature?: string): Promise<NodeSavedModel>;
  getMetaGraphsFromSavedModel(path: string): Promise<NodeMetaGraph[]>;
  /** Decodes BMP/GIF/JPEG/PNG bytes into an int32 [h, w, channels] (or [frames, …]) tensor. */
  decodeImage(
    contents: Uint8Array,
    channels?: number,
    dtype?: 'int32',
    expandAnimations?: boolean,
  ): tfjs.Tensor3D | tfjs.Tensor4D;
  encodePng(image: tfjs.Tensor3D, compression?: number): Promise<Uint8Array>;
  encodeJpeg(
    image: tfjs.Tensor3D,
    format?: '' | 'grayscale' | 'rgb',
    quality?: number,
  ): Promise<Uint8Array>;
}
