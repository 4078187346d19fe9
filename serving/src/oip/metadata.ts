// Open Inference Protocol server and model metadata/readiness, shared by the HTTP and gRPC
// transports. Versions arrive as strings ('' or absent: any loaded version).
import { notFound } from '../errors';
import type { ModelManager } from '../manager/model-manager';
import { parseVersion } from '../routes/query';
import { OIP_INPUT } from './request';
import { OIP_OUTPUTS } from './response';

/** What the server advertises: only the extensions the transports implement. */
export const OIP_EXTENSIONS = ['binary_tensor_data'];

export const serverMetadata = () => ({
  name: 'mlops-stack-serving',
  version: '1',
  extensions: OIP_EXTENSIONS,
});

export function modelMetadata(manager: ModelManager, name: string, rawVersion?: string) {
  const version = parseVersion(rawVersion);
  const versions = manager.metadata(name, version);
  if (versions.length === 0)
    throw notFound(`model ${name}${version ? ` version ${version}` : ''} is not loaded`);
  const m = versions[versions.length - 1];
  return {
    name,
    versions: versions.map((v) => String(v.version)),
    platform: m.format === 'tf-saved-model' ? 'tensorflow_savedmodel' : 'tensorflowjs_graph',
    inputs: [{ name: OIP_INPUT, datatype: 'BYTES', shape: [-1] }],
    outputs: OIP_OUTPUTS.map((o) => ({ ...o })),
  };
}

export const modelReady = (manager: ModelManager, name: string, rawVersion?: string): boolean =>
  manager.metadata(name, parseVersion(rawVersion)).length > 0;
