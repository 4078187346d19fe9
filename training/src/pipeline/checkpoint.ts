// Serialises the training state (epoch, step, projections, Adam moments, loss history) into one
// self-describing buffer: a JSON header line, then the float32 arrays in header order.
import type { HeadParams } from '../model/centernet-head';
import type { TrainState } from '../model/head-trainer';

const MAGIC = 'mlops-head-ckpt/1';
const FIELDS = ['clsKernel', 'clsBias', 'whKernel', 'whBias'] as const;

interface Header {
  readonly magic: string;
  readonly epoch: number;
  readonly step: number;
  readonly classes: number;
  readonly losses: readonly number[];
  /** Fingerprint of what produced the state (config + dataset); a resume must match it. */
  readonly fingerprint: string;
  readonly lengths: readonly number[];
}

export function encodeCheckpoint(state: TrainState, fingerprint: string): Buffer {
  const arrays = [state.params, state.m, state.v].flatMap((p) => FIELDS.map((f) => p[f]));
  const header: Header = {
    magic: MAGIC,
    epoch: state.epoch,
    step: state.step,
    classes: state.params.classes,
    losses: state.losses,
    fingerprint,
    lengths: arrays.map((a) => a.length),
  };
  const body = Buffer.concat(arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]);
}

export function decodeCheckpoint(buf: Buffer): { state: TrainState; fingerprint: string } {
  const nl = buf.indexOf(10);
  if (nl < 0) throw new Error('checkpoint: missing header');
  const header = JSON.parse(buf.subarray(0, nl).toString('utf8')) as Header;
  if (header.magic !== MAGIC) throw new Error(`checkpoint: unknown format ${header.magic}`);
  let offset = nl + 1;
  const arrays = header.lengths.map((n) => {
    const bytes = buf.subarray(offset, offset + n * 4);
    if (bytes.length !== n * 4) throw new Error('checkpoint: truncated');
    offset += n * 4;
    // Copy: the slice of a pooled Buffer may be unaligned for Float32Array.
    return new Float32Array(Uint8Array.from(bytes).buffer);
  });
  const params = (i: number): HeadParams => ({
    classes: header.classes,
    clsKernel: arrays[i * 4]!,
    clsBias: arrays[i * 4 + 1]!,
    whKernel: arrays[i * 4 + 2]!,
    whBias: arrays[i * 4 + 3]!,
  });
  return {
    state: {
      epoch: header.epoch,
      step: header.step,
      params: params(0),
      m: params(1),
      v: params(2),
      losses: header.losses,
    },
    fingerprint: header.fingerprint,
  };
}
