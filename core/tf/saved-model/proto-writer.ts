// A minimal protocol-buffers wire-format writer: varints, length-delimited fields, fixed32
// floats and packed repeated scalars. Enough to emit TensorFlow's GraphDef/SavedModel messages
// without a protobuf runtime or generated code. Fields are written in call order; default
// (zero/empty) values are skipped, as proto3 does.

const enum WireType {
  Varint = 0,
  Fixed32 = 5,
  Bytes = 2,
}

export class ProtoWriter {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;

  /** Non-negative or negative integer (negative int64 as ten-byte two's complement). */
  int(field: number, value: number | bigint, keepZero = false): this {
    if (!keepZero && (value === 0 || value === 0n)) return this;
    this.tag(field, WireType.Varint);
    this.varint(BigInt(value));
    return this;
  }

  /** `keep` writes false too (a oneof member must be present to be set). */
  bool(field: number, value: boolean, keep = false): this {
    return value || keep ? this.int(field, value ? 1 : 0, true) : this;
  }

  float(field: number, value: number, keep = false): this {
    if (!keep && value === 0 && !Object.is(value, -0)) return this;
    this.tag(field, WireType.Fixed32);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    return this.push(b);
  }

  string(field: number, value: string): this {
    return value === '' ? this : this.bytes(field, new TextEncoder().encode(value));
  }

  bytes(field: number, value: Uint8Array, keepEmpty = false): this {
    if (!keepEmpty && value.length === 0) return this;
    this.tag(field, WireType.Bytes);
    this.varint(BigInt(value.length));
    return this.push(value);
  }

  /** An embedded message, built by `build` on a fresh writer (written even when empty). */
  message(field: number, build: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytes(field, inner.finish(), true);
  }

  packedInts(field: number, values: readonly (number | bigint)[]): this {
    if (values.length === 0) return this;
    const inner = new ProtoWriter();
    for (const v of values) inner.varint(BigInt(v));
    return this.bytes(field, inner.finish());
  }

  packedFloats(field: number, values: readonly number[]): this {
    if (values.length === 0) return this;
    return this.bytes(field, new Uint8Array(Float32Array.from(values).buffer));
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  private tag(field: number, wire: WireType): void {
    this.varint(BigInt((field << 3) | wire));
  }

  private varint(value: bigint): void {
    let v = BigInt.asUintN(64, value);
    const bytes: number[] = [];
    do {
      const low = Number(v & 0x7fn);
      v >>= 7n;
      bytes.push(v > 0n ? low | 0x80 : low);
    } while (v > 0n);
    this.push(Uint8Array.from(bytes));
  }

  private push(bytes: Uint8Array): this {
    this.chunks.push(bytes);
    this.size += bytes.length;
    return this;
  }
}
