// TensorFlow.js types the model runtime works with. The tf namespace itself is handed in by the
// caller (core/tf/backend.ts picks native, wasm or cpu), never imported for its side effects here.
import type * as tfjs from '@tensorflow/tfjs';

export type Tf = typeof tfjs;
export type Tensor = tfjs.Tensor;

/** The subset of tfjs-node's `tf.node` namespace used to serve TF SavedModels. */
export interface SavedModelLoader {
  loadSavedModel(
    path: string,
    tags?: string[],
    signature?: string,
  ): Promise<{
    predict(
      inputs: tfjs.Tensor | tfjs.NamedTensorMap,
    ): tfjs.Tensor | tfjs.Tensor[] | tfjs.NamedTensorMap;
    dispose(): void;
  }>;
}
