// Initialises TensorFlow.js for inference: the native backend (tfjs-node) when it loads,
// else WebAssembly, else the pure-JS cpu backend; logs one line naming the backend in use.
import * as tf from '@tensorflow/tfjs';
import type { SavedModelLoader, Tf } from './models/tf-types';

export interface TfRuntime {
  readonly tf: Tf;
  readonly backend: 'tensorflow' | 'wasm' | 'cpu';
  readonly savedModels?: SavedModelLoader;
}

type Prefer = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

export async function initInferenceTf(
  prefer: Prefer,
  log: (msg: string) => void,
): Promise<TfRuntime> {
  if (prefer === 'auto' || prefer === 'tensorflow') {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const native = require('@tensorflow/tfjs-node') as Tf & { node: SavedModelLoader };
      await native.setBackend('tensorflow');
      log('tensorflow.js backend: tensorflow (native)');
      return { tf: native, backend: 'tensorflow', savedModels: native.node };
    } catch (err) {
      if (prefer === 'tensorflow') throw err;
    }
  }
  if (prefer !== 'cpu') {
    await import('@tensorflow/tfjs-backend-wasm');
    if (await tf.setBackend('wasm')) {
      log('tensorflow.js backend: wasm (native tfjs-node unavailable)');
      return { tf, backend: 'wasm' };
    }
  }
  await tf.setBackend('cpu');
  log('tensorflow.js backend: cpu');
  return { tf, backend: 'cpu' };
}
