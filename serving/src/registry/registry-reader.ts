// The read-only registry view behind GET /v1/registry/*: core's ModelRegistry satisfies it
// structurally; a plain ModelSource (tests, in-memory sources) is adapted with the served model
// names and no aliases.
import type { ModelMetadata } from '../../../core/registry/types';
import type { ModelSource } from '../models/model-source';

export interface RegistryReader {
  listModels(): Promise<string[]>;
  listVersions(name: string): Promise<number[]>;
  getMetadata(name: string, version: number): Promise<ModelMetadata>;
  listAliases(name: string): Promise<readonly { alias: string; version: number }[]>;
  readFile(name: string, version: number, file: string): Promise<Buffer>;
}

const isReader = (s: ModelSource): s is ModelSource & RegistryReader =>
  typeof (s as Partial<RegistryReader>).listModels === 'function' &&
  typeof (s as Partial<RegistryReader>).listAliases === 'function';

/** The source itself when it can list models and aliases, else an adapter over served names. */
export function registryReader(source: ModelSource, servedNames: () => string[]): RegistryReader {
  if (isReader(source)) return source;
  return {
    listModels: async () => servedNames(),
    listVersions: (name) => source.listVersions(name),
    getMetadata: (name, version) => source.getMetadata(name, version),
    listAliases: async () => [],
    readFile: (name, version, file) => source.readFile(name, version, file),
  };
}
