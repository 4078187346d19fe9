// Weight decoding for the SavedModel compiler: float16 widened exactly, affine uint8/uint16
// dequantized, plain dtypes copied, and a manifest that does not match the data refused.
import { decodeWeights } from '../../../core/tf/saved-model/weights';

const f32 = (d: { bytes: Uint8Array }) => Array.from(new Float32Array(d.bytes.slice().buffer));

describe('decodeWeights', () => {
  it('widens float16-quantized weights to float32', () => {
    const half = new Uint16Array([0x3c00, 0xc000, 0x3800, 0x0001, 0x7c00]); // 1, -2, 0.5, 2^-24, inf
    const w = decodeWeights(
      [{ name: 'w', shape: [5], dtype: 'float32', quantization: { dtype: 'float16' } }],
      half.buffer,
    ).get('w')!;
    expect(w.dtype).toBe('float32');
    expect(f32(w)).toEqual([1, -2, 0.5, 2 ** -24, Infinity]);
  });

  it('dequantizes affine uint8 weights and copies plain ones in manifest order', () => {
    const data = new Uint8Array([0, 10, 255, 0, /* int32 7 */ 7, 0, 0, 0]);
    const m = decodeWeights(
      [
        {
          name: 'q',
          shape: [2, 2],
          dtype: 'float32',
          quantization: { dtype: 'uint8', scale: 0.5, min: -1 },
        },
        { name: 'i', shape: [], dtype: 'int32' },
      ],
      data.buffer,
    );
    expect(f32(m.get('q')!)).toEqual([-1, 4, 126.5, -1]);
    expect(m.get('q')!.shape).toEqual([2, 2]);
    expect(Array.from(new Int32Array(m.get('i')!.bytes.slice().buffer))).toEqual([7]);
  });

  it('refuses weights whose size does not match the manifest', () => {
    expect(() =>
      decodeWeights([{ name: 'w', shape: [3], dtype: 'float32' }], new ArrayBuffer(8)),
    ).toThrow();
    expect(() =>
      decodeWeights([{ name: 'w', shape: [1], dtype: 'float32' }], new ArrayBuffer(8)),
    ).toThrow(/weights are 8 bytes, manifest says 4/);
  });
});
