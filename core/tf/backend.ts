// Picks the TensorFlow.js backend for the process, once: the native TensorFlow backend from
// @tensorflow/tfjs-node when its addon loads, else wasm for inference or cpu for training. Every
// workload calls initTf and uses the returned `tf`; nothing else imports tfjs-node.
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type * as WasmBackend from '@tensorflow/tfjs-backend-wasm';
import type { NodeTfApi } from './node-api';
import { restoreLegacyUtil } from './node-compat';
import { applyNativeTfDefaults } from './native-env';

export type { NodeTfApi, NodeSavedModel, NodeMetaGraph } from './node-api';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export const BACKEND_NAMES: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

export interface TfRuntime {
  readonly tf: typeof import('@tensorflow/tfjs');
  readonly backend: BackendName;
  /** tf.node API (decodeImage, loadSavedModel…) when the native backend is active */
  readonly node?: NodeTfApi;
}

export interface InitTfOptions {
  /** Inference falls back to wasm, training to cpu (wasm lacks the gradient kernels). */
  readonly purpose: 'inference' | 'training';
  /** Force a backend (services parse it from their environment); unset = best available. */
  readonly prefer?: BackendName;
  /** Receives the one line naming the backend in use and why (default: stderr). */
  readonly log?: (line: string) => void;
}

// tfjs-node and the wasm backend are loaded with a plain `require` on demand: tfjs-node is optional
// (a static import would fail wherever it is absent), and the module loader in use (Node, tsx,
// jest) must resolve them so that they register into the same @tensorflow/tfjs-core as `tf`.
function load(id: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(id);
}
let current: Promise<TfRuntime> | undefined;
let wasmPathsSet = false;

/** Initialises TensorFlow.js once per process; later calls return the same runtime. */
export function initTf(options: InitTfOptions): Promise<TfRuntime> {
  current ??= select(options).catch((error: unknown) => {
    current = undefined;
    throw error;
  });
  return current;
}

/** Parses a backend name (e.g. from an environment variable); undefined for empty input. */
export function parseBackendName(value: string | undefined, key: string): BackendName | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const name = value.trim().toLowerCase();
  if ((BACKEND_NAMES as readonly string[]).includes(name)) return name as BackendName;
  throw new Error(`${key} must be one of ${BACKEND_NAMES.join(', ')} (got "${value}")`);
}

async function select(options: InitTfOptions): Promise<TfRuntime> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const fallback: BackendName = options.purpose === 'training' ? 'cpu' : 'wasm';
  const { prefer } = options;
  if (prefer === undefined || prefer === 'tensorflow') {
    const native = loadNative();
    if ('node' in native) {
      await activate('tensorflow');
      log(
        `tensorflow.js backend: tensorflow (native libtensorflow via tfjs-node${prefer ? ', requested' : ''})`,
      );
      return Object.freeze({ tf, backend: 'tensorflow', node: native.node });
    }
    if (prefer === 'tensorflow') {
      throw new Error(`tensorflow.js backend "tensorflow" was requested but ${native.reason}`);
    }
    await activate(fallback);
    log(`tensorflow.js backend: ${fallback} (${native.reason}: run npm run setup)`);
    return Object.freeze({ tf, backend: fallback });
  }
  await activate(prefer);
  const note = prefer === 'wasm' && options.purpose === 'training' ? '; wasm cannot train' : '';
  log(`tensorflow.js backend: ${prefer} (requested${note})`);
  return Object.freeze({ tf, backend: prefer });
}

/** Requires tfjs-node, which registers the `tensorflow` backend into the shared tfjs-core. */
function loadNative(): { node: NodeTfApi } | { reason: string } {
  try {
    require.resolve('@tensorflow/tfjs-node');
  } catch {
    return { reason: 'tfjs-node is not installed' };
  }
  applyNativeTfDefaults();
  restoreLegacyUtil();
  let mod: { node?: NodeTfApi };
  try {
    mod = load('@tensorflow/tfjs-node') as { node?: NodeTfApi };
  } catch (error) {
    return { reason: `tfjs-node native addon does not load (${describeLoadError(error)})` };
  }
  // tfjs-node registers into whichever tfjs-core it resolves; a second copy would leave the
  // backend invisible to the `tf` every workload uses.
  if (tf.findBackendFactory('tensorflow') === null || mod.node === undefined) {
    return { reason: 'tfjs-node registered into a different copy of @tensorflow/tfjs-core' };
  }
  return { node: mod.node };
}

function describeLoadError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/tfjs_binding\.node/.test(message)) return 'tfjs_binding.node not built';
  const lib = /(libtensorflow[\w.]*)/.exec(message);
  if (lib) return `${lib[1]} cannot be loaded`;
  return message.split('\n')[0]!.slice(0, 160);
}

/**
 * Switches the active backend of an initialised process, e.g. to compare backends in one process
 * (benchmarks, tests). Services pick theirs once through initTf and never switch.
 */
export async function switchBackend(name: BackendName): Promise<void> {
  if (name === 'tensorflow') {
    const native = loadNative();
    if (!('node' in native))
      throw new Error(`tensorflow.js backend "tensorflow": ${native.reason}`);
  }
  await activate(name);
}

async function activate(name: BackendName): Promise<void> {
  if (name === 'wasm' && !wasmPathsSet) {
    const wasm = load('@tensorflow/tfjs-backend-wasm') as typeof WasmBackend;
    // The .wasm binaries ship in the package: load them from disk, never from a CDN.
    const dist = path.join(
      path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')),
      'dist',
    );
    wasm.setWasmPaths(`${dist}${path.sep}`);
    wasmPathsSet = true;
  }
  if (!(await tf.setBackend(name)))
    throw new Error(`tensorflow.js backend ${name} failed to initialise`);
  await tf.ready();
  if (name === 'cpu') silenceCpuBanner();
}

/** The cpu backend prints an "install tfjs-node" banner on first use; we already logged why. */
function silenceCpuBanner(): void {
  const cpu = tf.findBackend('cpu') as { firstUse?: boolean } | null;
  if (cpu && 'firstUse' in cpu) cpu.firstUse = false;
}
