// The native TensorFlow backend (tfjs-node on the wheel-built libtensorflow): picked by default
// when present, exposes tf.node, and computes the same convolution as wasm and a plain-JS one.
// Needs `npm run setup` (scripts/setup-tfjs.sh); CI (REQUIRE_E2E=1) fails without it.
import { initTf, switchBackend, type TfRuntime } from '../../../core/tf/backend';
import { nativeTfMissing } from '../../helpers/native-tf';
import { describeWhen } from '../../helpers/requirements';

/** Plain-JS NHWC conv2d, stride 1, 'valid' padding: the reference both backends must match. */
function referenceConv(
  x: Float32Array,
  [h, w, c]: [number, number, number],
  k: Float32Array,
  [kh, kw, out]: [number, number, number],
): number[] {
  const result: number[] = [];
  for (let i = 0; i + kh <= h; i++)
    for (let j = 0; j + kw <= w; j++)
      for (let o = 0; o < out; o++) {
        let sum = 0;
        for (let di = 0; di < kh; di++)
          for (let dj = 0; dj < kw; dj++)
            for (let ci = 0; ci < c; ci++)
              sum +=
                x[((i + di) * w + (j + dj)) * c + ci]! * k[((di * kw + dj) * c + ci) * out + o]!;
        result.push(sum);
      }
  return result;
}

describeWhen(nativeTfMissing())('native TensorFlow backend', () => {
  let runtime: TfRuntime;
  const lines: string[] = [];
  const x = Float32Array.from({ length: 6 * 7 * 3 }, (_, i) => Math.sin(i * 0.7) * 4);
  const k = Float32Array.from({ length: 3 * 3 * 3 * 2 }, (_, i) => Math.cos(i * 1.3));

  function conv(): number[] {
    const { tf } = runtime;
    return tf.tidy(() => {
      const input = tf.tensor4d(x, [1, 6, 7, 3]);
      const filter = tf.tensor4d(k, [3, 3, 3, 2]);
      return Array.from(tf.conv2d(input, filter, 1, 'valid').dataSync());
    });
  }

  beforeAll(async () => {
    runtime = await initTf({ purpose: 'inference', log: (l) => lines.push(l) });
  });

  it('is selected by default and says so in one line', () => {
    expect(runtime.backend).toBe('tensorflow');
    expect(runtime.tf.getBackend()).toBe('tensorflow');
    expect(lines).toEqual([
      'tensorflow.js backend: tensorflow (native libtensorflow via tfjs-node)',
    ]);
  });

  it('exposes the tf.node API (image decoding, SavedModels)', () => {
    expect(typeof runtime.node?.decodeImage).toBe('function');
    expect(typeof runtime.node?.loadSavedModel).toBe('function');
    // A 1x1 red PNG decodes to one RGB pixel.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
      'base64',
    );
    const pixel = runtime.node!.decodeImage(png, 3);
    expect(pixel.shape).toEqual([1, 1, 3]);
    expect(Array.from(pixel.dataSync())).toEqual([255, 0, 0]);
    pixel.dispose();
  });

  it('computes a conv2d like wasm and a plain-JS reference', async () => {
    const expected = referenceConv(x, [6, 7, 3], k, [3, 3, 2]);
    const native = conv();
    await switchBackend('wasm');
    const wasm = conv();
    await switchBackend('tensorflow');
    expect(runtime.tf.getBackend()).toBe('tensorflow');
    expect(native).toHaveLength(4 * 5 * 2);
    for (let i = 0; i < expected.length; i++) {
      expect(native[i]).toBeCloseTo(expected[i]!, 3);
      expect(wasm[i]).toBeCloseTo(native[i]!, 3);
    }
  });
});
