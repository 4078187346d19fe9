// Encoders for the TensorFlow protocol buffers a SavedModel needs (GraphDef, NodeDef, AttrValue,
// TensorProto, SignatureDef, MetaGraphDef, SavedModel), from the protobuf-JSON shapes that a
// TensorFlow.js model.json carries. Field numbers are those of TensorFlow's .proto definitions.
import { ProtoWriter } from './proto-writer';

/** TensorFlow's DataType enum values, by name. */
export const DATA_TYPES: Readonly<Record<string, number>> = {
  DT_FLOAT: 1,
  DT_DOUBLE: 2,
  DT_INT32: 3,
  DT_UINT8: 4,
  DT_INT16: 5,
  DT_INT8: 6,
  DT_STRING: 7,
  DT_INT64: 9,
  DT_BOOL: 10,
  DT_HALF: 19,
  DT_UINT16: 17,
  DT_UINT32: 22,
  DT_UINT64: 23,
};

export interface ShapeJson {
  readonly dim?: readonly { readonly size?: string | number; readonly name?: string }[];
  readonly unknownRank?: boolean;
}

export interface TensorJson {
  readonly dtype?: string;
  readonly tensorShape?: ShapeJson;
  /** base64 (protobuf JSON) or raw bytes (filled in from weight shards). */
  readonly tensorContent?: string | Uint8Array;
  readonly floatVal?: readonly number[];
  readonly intVal?: readonly number[];
  readonly int64Val?: readonly (string | number)[];
  readonly boolVal?: readonly boolean[];
}

export interface ListJson {
  readonly s?: readonly string[];
  readonly i?: readonly (string | number)[];
  readonly f?: readonly number[];
  readonly b?: readonly boolean[];
  readonly type?: readonly string[];
  readonly shape?: readonly ShapeJson[];
  readonly tensor?: readonly TensorJson[];
}

export interface AttrJson {
  readonly s?: string;
  readonly i?: string | number;
  readonly f?: number;
  readonly b?: boolean;
  readonly type?: string;
  readonly shape?: ShapeJson;
  readonly tensor?: TensorJson;
  readonly list?: ListJson;
  readonly func?: { readonly name: string; readonly attr?: Readonly<Record<string, AttrJson>> };
}

export interface NodeJson {
  readonly name: string;
  readonly op: string;
  readonly input?: readonly string[];
  readonly attr?: Readonly<Record<string, AttrJson>>;
}

export interface TensorInfo {
  readonly name: string;
  readonly dtype: string;
  readonly shape?: ShapeJson;
}

export interface SavedModelSpec {
  readonly nodes: readonly NodeJson[];
  readonly producer: number;
  readonly inputs: Readonly<Record<string, TensorInfo>>;
  readonly outputs: Readonly<Record<string, TensorInfo>>;
}

export function dataType(name: string): number {
  const v = DATA_TYPES[name];
  if (v === undefined) throw new Error(`unsupported TensorFlow dtype ${name}`);
  return v;
}

const base64 = (s: string): Uint8Array => Buffer.from(s, 'base64');

function shape(w: ProtoWriter, s: ShapeJson): void {
  for (const d of s.dim ?? []) {
    w.message(2, (dw) => dw.int(1, BigInt(d.size ?? 0)).string(2, d.name ?? ''));
  }
  w.bool(3, s.unknownRank ?? false);
}

function tensor(w: ProtoWriter, t: TensorJson): void {
  w.int(1, dataType(t.dtype ?? 'DT_FLOAT'));
  if (t.tensorShape) w.message(2, (sw) => shape(sw, t.tensorShape!));
  if (t.tensorContent !== undefined) {
    w.bytes(4, typeof t.tensorContent === 'string' ? base64(t.tensorContent) : t.tensorContent);
  }
  w.packedFloats(5, t.floatVal ?? []);
  w.packedInts(7, t.intVal ?? []);
  w.packedInts(
    10,
    (t.int64Val ?? []).map((v) => BigInt(v)),
  );
  w.packedInts(
    11,
    (t.boolVal ?? []).map((b) => (b ? 1 : 0)),
  );
}

function list(w: ProtoWriter, l: ListJson): void {
  for (const s of l.s ?? []) w.bytes(2, base64(s), true);
  w.packedInts(
    3,
    (l.i ?? []).map((v) => BigInt(v)),
  );
  w.packedFloats(4, l.f ?? []);
  w.packedInts(
    5,
    (l.b ?? []).map((b) => (b ? 1 : 0)),
  );
  w.packedInts(6, (l.type ?? []).map(dataType));
  for (const s of l.shape ?? []) w.message(7, (sw) => shape(sw, s));
  for (const t of l.tensor ?? []) w.message(8, (tw) => tensor(tw, t));
}

function attrMap(w: ProtoWriter, field: number, attrs: Readonly<Record<string, AttrJson>>): void {
  for (const key of Object.keys(attrs).sort()) {
    w.message(field, (e) => e.string(1, key).message(2, (v) => attr(v, attrs[key]!)));
  }
}

/** AttrValue is a oneof: the member present is written even when it holds a zero value. */
function attr(w: ProtoWriter, a: AttrJson): void {
  if (a.list !== undefined) w.message(1, (lw) => list(lw, a.list!));
  else if (a.s !== undefined) w.bytes(2, base64(a.s), true);
  else if (a.i !== undefined) w.int(3, BigInt(a.i), true);
  else if (a.f !== undefined) w.float(4, a.f, true);
  else if (a.b !== undefined) w.bool(5, a.b, true);
  else if (a.type !== undefined) w.int(6, dataType(a.type), true);
  else if (a.shape !== undefined) w.message(7, (sw) => shape(sw, a.shape!));
  else if (a.tensor !== undefined) w.message(8, (tw) => tensor(tw, a.tensor!));
  else if (a.func !== undefined) {
    const f = a.func;
    w.message(10, (fw) => {
      fw.string(1, f.name);
      attrMap(fw, 2, f.attr ?? {});
    });
  } else throw new Error(`attribute value with no member: ${JSON.stringify(a)}`);
}

function node(w: ProtoWriter, n: NodeJson): void {
  w.string(1, n.name).string(2, n.op);
  for (const i of n.input ?? []) w.string(3, i);
  attrMap(w, 5, n.attr ?? {});
}

function tensorInfoMap(w: ProtoWriter, field: number, infos: Readonly<Record<string, TensorInfo>>) {
  for (const [key, info] of Object.entries(infos)) {
    w.message(field, (e) =>
      e.string(1, key).message(2, (t) => {
        t.string(1, info.name).int(2, dataType(info.dtype));
        if (info.shape) t.message(3, (sw) => shape(sw, info.shape!));
      }),
    );
  }
}

/** The bytes of a `saved_model.pb`: one MetaGraphDef tagged `serve`, signature `serving_default`. */
export function encodeSavedModel(spec: SavedModelSpec): Uint8Array {
  const w = new ProtoWriter();
  w.int(1, 1); // saved_model_schema_version
  w.message(2, (meta) => {
    // MetaInfoDef: tags, and "default attributes were stripped" so the loader fills them in.
    meta.message(1, (info) => info.string(4, 'serve').bool(7, true));
    meta.message(2, (graph) => {
      for (const n of spec.nodes) graph.message(1, (nw) => node(nw, n));
      graph.message(4, (v) => v.int(1, spec.producer));
    });
    meta.message(5, (entry) =>
      entry.string(1, 'serving_default').message(2, (sig) => {
        tensorInfoMap(sig, 1, spec.inputs);
        tensorInfoMap(sig, 2, spec.outputs);
        sig.string(3, 'tensorflow/serving/predict');
      }),
    );
  });
  return w.finish();
}
