// Decodes a TensorFlow.js weights manifest into raw little-endian tensor bytes, without creating
// tensors (so compiling a model allocates nothing inside TensorFlow): float32/int32/bool as
// stored; float16-quantized weights widened to float32; uint8/uint16 affine-quantized weights
// dequantized (value = q * scale + min) to their original dtype.
import type * as tfjs from '@tensorflow/tfjs';
import { UnsupportedGraphError } from './unfuse';

export interface DecodedWeight {
  readonly dtype: 'float32' | 'int32' | 'bool';
  readonly shape: readonly number[];
  readonly bytes: Uint8Array;
}

const BYTES: Readonly<Record<string, number>> = {
  float32: 4,
  int32: 4,
  bool: 1,
  float16: 2,
  uint8: 1,
  uint16: 2,
};

/** IEEE 754 half → single precision. */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 0x1f) return frac ? Number.NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

function dequantize(
  spec: tfjs.io.WeightsManifestEntry,
  raw: Uint8Array,
  count: number,
): Uint8Array {
  const q = spec.quantization!;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out = spec.dtype === 'int32' ? new Int32Array(count) : new Float32Array(count);
  for (let i = 0; i < count; i++) {
    if (q.dtype === 'float16') out[i] = halfToFloat(view.getUint16(i * 2, true));
    else {
      const v = q.dtype === 'uint8' ? view.getUint8(i) : view.getUint16(i * 2, true);
      out[i] = v * (q.scale ?? 1) + (q.min ?? 0);
    }
  }
  return new Uint8Array(out.buffer);
}

export function decodeWeights(
  specs: readonly tfjs.io.WeightsManifestEntry[],
  data: ArrayBuffer,
): Map<string, DecodedWeight> {
  const out = new Map<string, DecodedWeight>();
  let offset = 0;
  for (const spec of specs) {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const stored = spec.quantization?.dtype ?? spec.dtype;
    const size = BYTES[stored];
    if (size === undefined || !(spec.dtype in BYTES) || (spec.dtype as string) === 'float16') {
      throw new UnsupportedGraphError(`${spec.name}: weights of dtype ${stored}`);
    }
    const raw = new Uint8Array(data, offset, count * size);
    offset += count * size;
    const bytes = spec.quantization ? dequantize(spec, raw, count) : raw.slice();
    out.set(spec.name, { dtype: spec.dtype as DecodedWeight['dtype'], shape: spec.shape, bytes });
  }
  if (offset !== data.byteLength) {
    throw new UnsupportedGraphError(
      `weights are ${data.byteLength} bytes, manifest says ${offset}`,
    );
  }
  return out;
}
