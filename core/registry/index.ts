// Public surface of core/registry.
export * from './types';
export { ModelRegistry, RegistryNotFoundError } from './model-registry';
export type {
  ModelMetadataInput,
  ModelRef,
  ResolveOptions,
  RegistryOptions,
} from './model-registry';
export { AliasConflictError, type AliasRecord } from './aliases';
export { diffModels, type ModelDiff, type MetricDelta, type LineageChange } from './diff';
export { DEFAULT_GC_GRACE_MS, type GcOptions, type GcReport } from './garbage';
export {
  ChecksumMismatchError,
  sha256,
  type PublishFiles,
  type FileDigest,
} from './versioned-store';
export { defaultRegistryUri } from './local-paths';
