// The protobuf wire writer behind the SavedModel compiler, checked byte by byte against the
// encoding rules (varints, zig-zag-free negative int64, fixed32, packed, length-delimited).
import { ProtoWriter } from '../../../core/tf/saved-model/proto-writer';

const bytes = (w: ProtoWriter) => Array.from(w.finish());

describe('ProtoWriter', () => {
  it('writes varints little-endian in 7-bit groups after the field tag', () => {
    expect(bytes(new ProtoWriter().int(1, 150))).toEqual([0x08, 0x96, 0x01]);
    expect(bytes(new ProtoWriter().int(2, 300))).toEqual([0x10, 0xac, 0x02]);
  });

  it('writes a negative int64 as ten bytes of two’s complement', () => {
    const out = bytes(new ProtoWriter().int(3, -1));
    expect(out).toEqual([0x18, ...Array(9).fill(0xff), 0x01]);
  });

  it('skips proto3 defaults unless a oneof member must be marked present', () => {
    expect(bytes(new ProtoWriter().int(1, 0).float(2, 0).bool(3, false).string(4, ''))).toEqual([]);
    expect(bytes(new ProtoWriter().int(1, 0, true))).toEqual([0x08, 0x00]);
    expect(bytes(new ProtoWriter().float(4, 0, true))).toEqual([0x25, 0, 0, 0, 0]);
    expect(bytes(new ProtoWriter().bool(5, false, true))).toEqual([0x28, 0x00]);
  });

  it('writes floats as fixed32 and strings/messages length-delimited', () => {
    expect(bytes(new ProtoWriter().float(1, 1))).toEqual([0x0d, 0x00, 0x00, 0x80, 0x3f]);
    expect(bytes(new ProtoWriter().string(2, 'ab'))).toEqual([0x12, 0x02, 0x61, 0x62]);
    const nested = new ProtoWriter().message(3, (w) => w.int(1, 1));
    expect(bytes(nested)).toEqual([0x1a, 0x02, 0x08, 0x01]);
    expect(bytes(new ProtoWriter().message(3, () => undefined))).toEqual([0x1a, 0x00]);
  });

  it('packs repeated scalars into one length-delimited field', () => {
    expect(bytes(new ProtoWriter().packedInts(4, [3, 270, 86942]))).toEqual([
      0x22, 0x06, 0x03, 0x8e, 0x02, 0x9e, 0xa7, 0x05,
    ]);
    expect(bytes(new ProtoWriter().packedFloats(5, [1, 2]))).toEqual([
      0x2a, 0x08, 0, 0, 0x80, 0x3f, 0, 0, 0, 0x40,
    ]);
    expect(bytes(new ProtoWriter().packedInts(4, []))).toEqual([]);
  });
});
