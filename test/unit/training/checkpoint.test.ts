// Checkpoints round-trip the whole training state bit for bit and refuse damaged input.
import { decodeCheckpoint, encodeCheckpoint } from '../../../training/src/pipeline/checkpoint';
import { initialState } from '../../../training/src/model/head-trainer';

const params = (seed: number) => ({
  classes: 2,
  clsKernel: Float32Array.from({ length: 256 }, (_, i) => Math.sin(i + seed)),
  clsBias: Float32Array.from([0.1 * seed, -2]),
  whKernel: Float32Array.from({ length: 512 }, (_, i) => Math.cos(i * seed)),
  whBias: Float32Array.from([1, 2, 3, 4]),
});

describe('checkpoint', () => {
  it('round-trips params, moments, epoch, step and losses exactly', () => {
    const state = {
      ...initialState(params(1)),
      epoch: 3,
      step: 42,
      m: params(2),
      v: params(3),
      losses: [3, 2.5, 2],
    };
    const { state: back, fingerprint } = decodeCheckpoint(encodeCheckpoint(state, 'fp-1'));
    expect(fingerprint).toBe('fp-1');
    expect(back.epoch).toBe(3);
    expect(back.step).toBe(42);
    expect(back.losses).toEqual([3, 2.5, 2]);
    expect(Array.from(back.params.clsKernel)).toEqual(Array.from(state.params.clsKernel));
    expect(Array.from(back.v.whKernel)).toEqual(Array.from(state.v.whKernel));
  });

  it('rejects truncated or foreign data', () => {
    const buf = encodeCheckpoint(initialState(params(1)), 'x');
    expect(() => decodeCheckpoint(buf.subarray(0, buf.length - 8))).toThrow(/truncated/);
    expect(() => decodeCheckpoint(Buffer.from('{"magic":"other"}\n'))).toThrow(/format/);
  });
});
