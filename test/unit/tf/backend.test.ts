// Backend selection without the native addon's help: forced wasm and cpu, idempotency, the one
// log line, and parsing of the backend name services read from their environment.
import type * as BackendModule from '../../../core/tf/backend';

/** A fresh copy of core/tf/backend (and tfjs) so each test makes its own first choice. */
async function freshBackendModule(): Promise<typeof BackendModule> {
  let mod: typeof BackendModule | undefined;
  await jest.isolateModulesAsync(async () => {
    mod = await import('../../../core/tf/backend');
  });
  return mod!;
}

// tfjs keeps its kernel registry and platform on globalThis, so each fresh copy warns that kernels
// and the node platform are already registered: drop exactly those, keep every other warning.
const duplicateRegistration = /already registered|Platform node has already been set/;
const warn = console.warn.bind(console);
beforeEach(() => {
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    if (!duplicateRegistration.test(String(args[0]))) warn(...args);
  });
});
afterEach(() => jest.restoreAllMocks());

describe('initTf with a forced backend', () => {
  it.each(['wasm', 'cpu'] as const)('runs ops on %s and logs one line naming it', async (name) => {
    const { initTf } = await freshBackendModule();
    const lines: string[] = [];
    const runtime = await initTf({ purpose: 'inference', prefer: name, log: (l) => lines.push(l) });
    expect(runtime.backend).toBe(name);
    expect(runtime.tf.getBackend()).toBe(name);
    expect(runtime.node).toBeUndefined();
    expect(lines).toEqual([`tensorflow.js backend: ${name} (requested)`]);
    const sum = runtime.tf.tidy(() => runtime.tf.tensor1d([1, 2, 3]).add(10).dataSync());
    expect(Array.from(sum)).toEqual([11, 12, 13]);
  });

  it('returns the same runtime on later calls and logs only once', async () => {
    const { initTf } = await freshBackendModule();
    const lines: string[] = [];
    const log = (l: string): void => void lines.push(l);
    const [first, second] = await Promise.all([
      initTf({ purpose: 'training', prefer: 'cpu', log }),
      initTf({ purpose: 'inference', log }),
    ]);
    expect(second).toBe(first);
    expect(await initTf({ purpose: 'inference', prefer: 'wasm', log })).toBe(first);
    expect(lines).toHaveLength(1);
    expect(first.backend).toBe('cpu');
  });

  it('notes that a wasm training run cannot train', async () => {
    const { initTf } = await freshBackendModule();
    const lines: string[] = [];
    await initTf({ purpose: 'training', prefer: 'wasm', log: (l) => lines.push(l) });
    expect(lines[0]).toMatch(/^tensorflow\.js backend: wasm \(requested; wasm cannot train\)$/);
  });
});

describe('parseBackendName', () => {
  it('accepts the three backends, case-insensitively, and treats empty as unset', async () => {
    const { parseBackendName } = await freshBackendModule();
    expect(parseBackendName('TensorFlow', 'MLOPS_TF_BACKEND')).toBe('tensorflow');
    expect(parseBackendName(' wasm ', 'MLOPS_TF_BACKEND')).toBe('wasm');
    expect(parseBackendName('', 'MLOPS_TF_BACKEND')).toBeUndefined();
    expect(parseBackendName(undefined, 'MLOPS_TF_BACKEND')).toBeUndefined();
  });

  it('names the key and the allowed values for anything else', async () => {
    const { parseBackendName } = await freshBackendModule();
    expect(() => parseBackendName('webgl', 'MLOPS_TF_BACKEND')).toThrow(
      'MLOPS_TF_BACKEND must be one of tensorflow, wasm, cpu (got "webgl")',
    );
  });
});

describe('initTf when the native addon cannot load', () => {
  afterEach(() => jest.dontMock('@tensorflow/tfjs-node'));

  async function withBrokenAddon(): Promise<typeof BackendModule> {
    jest.doMock('@tensorflow/tfjs-node', () => {
      throw new Error('The Node.js native addon module (tfjs_binding.node) can not be found');
    });
    return freshBackendModule();
  }

  it.each([
    ['inference', 'wasm'],
    ['training', 'cpu'],
  ] as const)('falls back for %s to %s and says why in one line', async (purpose, expected) => {
    const { initTf } = await withBrokenAddon();
    const lines: string[] = [];
    const runtime = await initTf({ purpose, log: (l) => lines.push(l) });
    expect(runtime.backend).toBe(expected);
    expect(runtime.tf.getBackend()).toBe(expected);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^tensorflow\\.js backend: ${expected} \\(tfjs-node .+: run npm run setup\\)$`),
    );
  });

  it('fails with the reason when the native backend is required', async () => {
    const { initTf } = await withBrokenAddon();
    await expect(initTf({ purpose: 'inference', prefer: 'tensorflow' })).rejects.toThrow(
      /"tensorflow" was requested but tfjs-node/,
    );
  });
});
