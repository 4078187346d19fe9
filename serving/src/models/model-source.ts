// The narrow view of the model registry that serving needs. core/registry's ModelRegistry
// satisfies it structurally; tests use an in-memory implementation.
import type { ModelMetadata } from '../../../core/registry/types';

export interface ModelSource {
  /** Committed versions of a model, ascending; empty when the model does not exist. */
  listVersions(name: string): Promise<number[]>;
  getMetadata(name: string, version: number): Promise<ModelMetadata>;
  /** The version an alias (production, staging, canary, …) points at, if it is set. */
  resolveAlias(name: string, alias: string): Promise<number | undefined>;
  readFile(name: string, version: number, file: string): Promise<Buffer>;
  /** Moves a registry alias (admin promote); sources without it keep labels in memory only. */
  setAlias?(name: string, alias: string, version: number): Promise<unknown>;
}
