// TF Serving REST predict bodies as its API documents them: the row format
// (`{"instances": [{"b64": …}, …]}`, or `{"image_bytes": {"b64": …}}` per instance) and the
// columnar format (`{"inputs": [{"b64": …}, …]}` or `{"inputs": {"image_bytes": [{"b64": …}]}}`).
// Binary values travel as `{"b64": "…"}`, as TF Serving requires for DT_STRING inputs.
import { badRequest } from '../errors';
import { decodeBase64Image } from '../routes/encode';

export const TFS_INPUT = 'image_bytes';
const MAX_INSTANCES = 32;

export interface PredictRequest {
  readonly images: Buffer[];
  /** Columnar requests get a columnar answer (`outputs`), row requests `predictions`. */
  readonly format: 'row' | 'columnar';
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function b64Value(value: unknown, where: string): Buffer {
  if (isObject(value) && 'b64' in value) return decodeBase64Image(value.b64, `${where}.b64`);
  throw badRequest(`${where} must be {"b64": "<base64 image>"}`);
}

/** One instance: the value itself, or a one-input object naming `image_bytes`. */
function instanceImage(instance: unknown, where: string): Buffer {
  if (isObject(instance) && TFS_INPUT in instance)
    return b64Value(instance[TFS_INPUT], `${where}.${TFS_INPUT}`);
  return b64Value(instance, where);
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0)
    throw badRequest(`${where} must be a non-empty list of {"b64": "<base64 image>"}`);
  if (value.length > MAX_INSTANCES) throw badRequest(`at most ${MAX_INSTANCES} images per request`);
  return value;
}

export function parsePredictRequest(body: unknown): PredictRequest {
  if (!isObject(body))
    throw badRequest(
      'the body must be {"instances": [{"b64": "<base64 image>"}, …]} or {"inputs": …}',
    );
  if (body.signature_name !== undefined && body.signature_name !== 'serving_default')
    throw badRequest('signature_name must be "serving_default", the model\'s only signature');
  if ('instances' in body && 'inputs' in body)
    throw badRequest('give either "instances" (row format) or "inputs" (columnar), not both');
  if ('instances' in body) {
    const rows = list(body.instances, 'instances');
    return { format: 'row', images: rows.map((r, i) => instanceImage(r, `instances[${i}]`)) };
  }
  if ('inputs' in body) {
    const inputs = body.inputs;
    // Named inputs ({"image_bytes": [...]}) or the one input's values directly.
    const named = isObject(inputs) && !('b64' in inputs);
    if (named && Object.keys(inputs).some((k) => k !== TFS_INPUT))
      throw badRequest(`inputs may only name "${TFS_INPUT}", the model's only input`);
    const where = named ? `inputs.${TFS_INPUT}` : 'inputs';
    const column = named ? inputs[TFS_INPUT] : inputs;
    const values = isObject(column) ? [column] : list(column, where);
    return { format: 'columnar', images: values.map((v, i) => b64Value(v, `${where}[${i}]`)) };
  }
  throw badRequest('the body must hold "instances" (row format) or "inputs" (columnar format)');
}
