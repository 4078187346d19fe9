// Open Inference Protocol v2 infer requests as its clients send them: a JSON document (with or
// without a Content-Type, as Triton and KServe accept), or, with the binary tensor data extension,
// a JSON header of `Inference-Header-Content-Length` bytes followed by the inputs' raw bytes.
// The model has one input, `image` (BYTES, one element per photo): in JSON each element is the
// photo base64-encoded; as binary data each is the photo's own bytes behind a 4-byte
// little-endian length, the extension's BYTES layout.
import { badRequest } from '../errors';
import { decodeBase64Image } from '../routes/encode';

export const OIP_INPUT = 'image';
export const MAX_IMAGES_PER_REQUEST = 32;

export interface OipInferRequest {
  readonly id?: string;
  readonly images: Buffer[];
  /** Requested outputs by name (all when absent), each true when asked for as binary data. */
  readonly outputs?: ReadonlyMap<string, boolean>;
  /** Request-level `binary_data_output`: outputs not listed come back as binary data. */
  readonly binaryOutput: boolean;
  readonly threshold?: number;
  readonly maxDetections?: number;
  readonly label?: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Splits the body into its JSON header and binary part, and parses the header. */
function splitBody(body: Buffer, headerLength: string | undefined): { json: Json; binary: Buffer } {
  let jsonBytes: Buffer = body;
  let binary: Buffer = Buffer.alloc(0);
  if (headerLength !== undefined) {
    const n = Number(headerLength);
    if (!/^\d+$/.test(headerLength) || n < 2 || n > body.length) {
      throw badRequest(
        `Inference-Header-Content-Length must be an integer between 2 and the body's ${body.length} bytes`,
      );
    }
    jsonBytes = body.subarray(0, n);
    binary = body.subarray(n);
  }
  let json: unknown;
  try {
    json = JSON.parse(jsonBytes.toString('utf8'));
  } catch {
    throw badRequest('the inference request is not valid JSON');
  }
  if (!isObject(json)) throw badRequest('the inference request must be a JSON object');
  return { json, binary };
}

/** The BYTES tensor layout of the binary extension: [u32 LE length][bytes], repeated. */
export function readBytesTensor(data: Buffer, where: string): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < data.length;) {
    if (at + 4 > data.length) throw badRequest(`${where}: truncated element length at byte ${at}`);
    const len = data.readUInt32LE(at);
    if (at + 4 + len > data.length)
      throw badRequest(`${where}: element ${out.length} claims ${len} bytes, past the end`);
    out.push(data.subarray(at + 4, at + 4 + len));
    at += 4 + len;
  }
  return out;
}

function elementCount(shape: unknown, where: string): number {
  if (
    !Array.isArray(shape) ||
    shape.length === 0 ||
    !shape.every((d) => Number.isInteger(d) && (d as number) > 0)
  ) {
    throw badRequest(`${where}.shape must be a non-empty list of positive integers`);
  }
  return (shape as number[]).reduce((a, b) => a * b, 1);
}

/** An input tensor's header as either transport carries it. */
export interface InputHeader {
  readonly name: unknown;
  readonly datatype: unknown;
  readonly shape: unknown;
}

/**
 * Checks the one input against the model's (`image`, BYTES, at most 32 elements), then reads its
 * photos with `read` (JSON base64, binary data or gRPC contents) and checks their count.
 */
export function imagesOfInput(input: InputHeader, read: () => Buffer[] | undefined): Buffer[] {
  const where = 'inputs[0]';
  if (input.name !== OIP_INPUT)
    throw badRequest(`${where}.name must be "${OIP_INPUT}", the model's only input`);
  if (input.datatype !== 'BYTES') throw badRequest(`${where}.datatype must be "BYTES"`);
  const count = elementCount(input.shape, where);
  if (count > MAX_IMAGES_PER_REQUEST)
    throw badRequest(`at most ${MAX_IMAGES_PER_REQUEST} images per request`);
  const images = read();
  if (images === undefined)
    throw badRequest(`${where} carries no data: send the photos as data or as binary data`);
  if (images.length !== count)
    throw badRequest(
      `${where}.shape holds ${count} elements but ${images.length} images were sent`,
    );
  images.forEach((img, i) => {
    if (img.length === 0) throw badRequest(`${where} element ${i} is empty`);
  });
  return images;
}

function jsonInputImages(input: Json, binary: Buffer | undefined): Buffer[] {
  const { name, datatype, shape } = input;
  return imagesOfInput({ name, datatype, shape }, () =>
    binary !== undefined
      ? readBytesTensor(binary, 'inputs[0] binary data')
      : Array.isArray(input.data) && input.data.length > 0
        ? input.data.map((d, i) => decodeBase64Image(d, `inputs[0].data[${i}]`))
        : undefined,
  );
}

/** Each input's binary slice, in input order, checked against the binary part's length. */
function binarySlices(inputs: Json[], binary: Buffer): (Buffer | undefined)[] {
  let at = 0;
  const slices = inputs.map((input, i) => {
    const size = isObject(input.parameters) ? input.parameters.binary_data_size : undefined;
    if (size === undefined) return undefined;
    if (!Number.isInteger(size) || (size as number) < 0)
      throw badRequest(`inputs[${i}].parameters.binary_data_size must be a non-negative integer`);
    const slice = binary.subarray(at, at + (size as number));
    if (slice.length !== size)
      throw badRequest(`inputs[${i}] binary data is shorter than its binary_data_size`);
    at += size as number;
    return slice;
  });
  if (at !== binary.length)
    throw badRequest(
      `the body holds ${binary.length - at} bytes of binary data that no input claims`,
    );
  return slices;
}

function requestedOutputs(
  outputs: unknown,
  known: readonly string[],
): Map<string, boolean> | undefined {
  if (outputs === undefined) return undefined;
  if (!Array.isArray(outputs)) throw badRequest('outputs must be a list');
  const map = new Map<string, boolean>();
  outputs.forEach((o, i) => {
    if (!isObject(o) || typeof o.name !== 'string' || !known.includes(o.name))
      throw badRequest(`outputs[${i}].name must be one of ${known.join(', ')}`);
    const p = isObject(o.parameters) ? o.parameters : {};
    map.set(o.name, p.binary_data === true);
  });
  return map;
}

function optionalNumber(params: Json, key: string): number | undefined {
  const v = params[key];
  if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v)))
    throw badRequest(`parameters.${key} must be a number`);
  return v as number | undefined;
}

/** Parses an infer request body; `outputNames` are the model's outputs. */
export function parseInferRequest(
  body: Buffer | undefined,
  headerLength: string | undefined,
  outputNames: readonly string[],
): OipInferRequest {
  if (!body || body.length === 0) throw badRequest('the inference request has no body');
  const { json, binary } = splitBody(body, headerLength);
  const inputs = json.inputs;
  if (!Array.isArray(inputs) || inputs.length !== 1 || !isObject(inputs[0]))
    throw badRequest(`inputs must hold exactly one tensor, "${OIP_INPUT}"`);
  const slices = binarySlices(inputs as Json[], binary);
  const params = isObject(json.parameters) ? json.parameters : {};
  if (params.label !== undefined && typeof params.label !== 'string')
    throw badRequest('parameters.label must be a string');
  if (json.id !== undefined && typeof json.id !== 'string') throw badRequest('id must be a string');
  return {
    id: json.id as string | undefined,
    images: jsonInputImages(inputs[0] as Json, slices[0]),
    outputs: requestedOutputs(json.outputs, outputNames),
    binaryOutput: params.binary_data_output === true,
    threshold: optionalNumber(params, 'threshold'),
    maxDetections: optionalNumber(params, 'max_detections'),
    label: params.label as string | undefined,
  };
}
