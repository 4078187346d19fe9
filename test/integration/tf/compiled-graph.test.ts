// The SavedModel compiler on the real default model: the compiled graph, run by TensorFlow in one
// session call, gives the same detections as op-by-op execution of the tfjs graph model, and the
// Detector falls back to op-by-op execution (saying why) when a graph cannot be compiled.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { initTf, type TfRuntime } from '../../../core/tf/backend';
import { Detector } from '../../../core/detection/detector';
import {
  CENTERNET_PROCESSING,
  DEFAULT_MODEL_ENTRY,
  defaultModelFiles,
} from '../../../core/detection/default-model';
import { nativeTfMissing } from '../../helpers/native-tf';
import { describeWhen } from '../../helpers/requirements';

const files = defaultModelFiles();
const read = async (f: string) => fs.promises.readFile(files[f]!);

describeWhen(nativeTfMissing())('compiled graph models (native backend)', () => {
  let runtime: TfRuntime;
  let cacheDir: string;
  const load = (compileDir: string | undefined, reader = read) =>
    Detector.load(
      runtime.tf,
      {
        format: 'tfjs-graph',
        entry: DEFAULT_MODEL_ENTRY,
        read: reader,
        ...(compileDir ? { compileDir } : {}),
      },
      CENTERNET_PROCESSING,
      runtime.node,
    );

  beforeAll(async () => {
    runtime = await initTf({ purpose: 'inference', log: () => undefined });
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'compiled-'));
  });
  afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

  it('matches op-by-op execution of the same graph', async () => {
    const compiled = await load(cacheDir);
    const eager = await load(undefined);
    expect(compiled.execution).toBe('compiled');
    expect(eager.execution).toBe('eager');
    const { tf } = runtime;
    const input = tf.tidy(() => tf.randomUniform([1, 512, 512, 3], 0, 255, 'float32', 7));
    const run = (d: Detector) =>
      (d as unknown as { runner: (x: unknown) => { dataSync(): Float32Array }[] })
        .runner(input)[0]!
        .dataSync();
    const a = tf.tidy(() => Array.from(run(compiled)));
    const b = tf.tidy(() => Array.from(run(eager)));
    input.dispose();
    expect(a).toHaveLength(600);
    // Top detections agree: same classes, scores within 1e-3, boxes within a pixel.
    for (let i = 0; i < 10; i++) {
      const row = (v: number[]) => v.slice(i * 6, i * 6 + 6);
      const [ax1, ay1, ax2, ay2, as, ac] = row(a);
      const [bx1, by1, bx2, by2, bs, bc] = row(b);
      expect(ac).toBe(bc);
      expect(Math.abs(as! - bs!)).toBeLessThan(1e-3);
      for (const [p, q] of [
        [ax1, bx1],
        [ay1, by1],
        [ax2, bx2],
        [ay2, by2],
      ]) {
        expect(Math.abs(p! - q!)).toBeLessThan(1);
      }
    }
    compiled.dispose();
    eager.dispose();
  });

  it('caches the compiled SavedModel by content and writes it once', async () => {
    const dirs = fs.readdirSync(cacheDir);
    expect(dirs).toHaveLength(1);
    const file = path.join(cacheDir, dirs[0]!, 'saved_model.pb');
    const mtime = fs.statSync(file).mtimeMs;
    (await load(cacheDir)).dispose();
    expect(fs.readdirSync(cacheDir)).toEqual(dirs);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
  });

  it('falls back to op-by-op execution and says why when the graph cannot be compiled', async () => {
    // The same graph with one fusion TensorFlow.js supports but the compiler does not.
    const reader = async (f: string) => {
      if (f !== DEFAULT_MODEL_ENTRY) return read(f);
      const json = JSON.parse((await read(f)).toString('utf8'));
      const node = json.modelTopology.node.find((n: { op: string }) => n.op === '_FusedConv2D');
      node.attr.fused_ops.list.s = ['BiasAdd', 'Prelu'].map((s) =>
        Buffer.from(s).toString('base64'),
      );
      node.input.push(node.input[2]);
      return Buffer.from(JSON.stringify(json));
    };
    const d = await load(cacheDir, reader).catch((e: Error) => e);
    // Op-by-op execution of the altered graph may itself fail; what matters is the reason shown.
    if (d instanceof Error) throw d;
    expect(d.execution).toMatch(/^eager \(compile failed: .*fused ops \[BiasAdd, Prelu\]/);
    d.dispose();
  });
});
