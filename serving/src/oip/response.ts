// Open Inference Protocol v2 infer responses: detections as padded tensors plus a count per
// image, each output in JSON or, when the client asked for it, as binary data behind a JSON
// header (the binary tensor data extension: little-endian numbers, BYTES as [u32 length][bytes]).
import type { DetectResponse } from '../inference/detect-service';

type Datatype = 'INT32' | 'FP32' | 'BYTES';

export interface OipTensor {
  readonly name: string;
  readonly datatype: Datatype;
  readonly shape: number[];
  readonly data: (number | string)[];
}

/**
 * The model's outputs in the order the metadata lists them, with their shapes (-1: images in
 * the request, or detections of the image with the most); boxes are [x, y, width, height].
 */
export const OIP_OUTPUTS: readonly { name: string; datatype: Datatype; shape: number[] }[] = [
  { name: 'num_detections', datatype: 'INT32', shape: [-1] },
  { name: 'detection_boxes', datatype: 'FP32', shape: [-1, -1, 4] },
  { name: 'detection_scores', datatype: 'FP32', shape: [-1, -1] },
  { name: 'detection_classes', datatype: 'INT32', shape: [-1, -1] },
  { name: 'detection_labels', datatype: 'BYTES', shape: [-1, -1] },
];

export function outputTensors(results: readonly DetectResponse[]): OipTensor[] {
  const k = Math.max(0, ...results.map((r) => r.detections.length));
  const padded = <T>(pick: (d: DetectResponse['detections'][number]) => T, fill: T): T[] =>
    results.flatMap((r) => [
      ...r.detections.map(pick),
      ...Array<T>(k - r.detections.length).fill(fill),
    ]);
  const n = results.length;
  const data: Record<string, (number | string)[]> = {
    num_detections: results.map((r) => r.detections.length),
    detection_boxes: padded(
      (d) => [d.box.x, d.box.y, d.box.width, d.box.height],
      [0, 0, 0, 0],
    ).flat(),
    detection_scores: padded((d) => d.score, 0),
    detection_classes: padded((d) => d.classId, -1),
    detection_labels: padded((d) => d.label, ''),
  };
  const actual = [n, k];
  return OIP_OUTPUTS.map((o) => ({
    ...o,
    shape: o.shape.map((d, i) => (d === -1 ? actual[i] : d)),
    data: data[o.name],
  }));
}

/** One tensor's bytes in the binary extension's layout. */
export function tensorBytes(t: OipTensor): Buffer {
  if (t.datatype === 'BYTES') {
    return Buffer.concat(
      t.data.flatMap((s) => {
        const bytes = Buffer.from(String(s), 'utf8');
        const len = Buffer.alloc(4);
        len.writeUInt32LE(bytes.length);
        return [len, bytes];
      }),
    );
  }
  const typed =
    t.datatype === 'FP32'
      ? Float32Array.from(t.data as number[])
      : Int32Array.from(t.data as number[]);
  return Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength); // little-endian on x86/arm
}

export interface EncodedResponse {
  readonly body: Buffer | Record<string, unknown>;
  /** Set when the body carries binary data: the JSON header's length. */
  readonly headerLength?: number;
}

/**
 * The response document with the requested outputs (all when `requested` is absent); outputs
 * asked for as binary data follow the JSON header in the order they are listed.
 */
export function encodeInferResponse(
  head: Record<string, unknown>,
  tensors: readonly OipTensor[],
  requested: ReadonlyMap<string, boolean> | undefined,
  binaryByDefault: boolean,
): EncodedResponse {
  const chosen = requested ? tensors.filter((t) => requested.has(t.name)) : tensors;
  const binary: Buffer[] = [];
  const outputs = chosen.map((t) => {
    if (!(requested?.get(t.name) ?? binaryByDefault)) return t;
    const bytes = tensorBytes(t);
    binary.push(bytes);
    return {
      name: t.name,
      datatype: t.datatype,
      shape: t.shape,
      parameters: { binary_data_size: bytes.length },
    };
  });
  const doc = { ...head, outputs };
  if (binary.length === 0) return { body: doc };
  const header = Buffer.from(JSON.stringify(doc), 'utf8');
  return { body: Buffer.concat([header, ...binary]), headerLength: header.length };
}
