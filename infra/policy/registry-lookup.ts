// Adapts the model registry (core/registry's ModelRegistry, or anything with the same two
// methods) to the small lookup interface the model-promotion policy depends on.
import type { ModelRegistryLookup } from './rules/model-promotion';

/** The part of the model registry the policy reads. */
export interface RegistryReader {
  getMetadata(
    name: string,
    version: number,
  ): Promise<{ readonly metrics?: Readonly<Record<string, number>> }>;
  resolveAlias(name: string, alias: string): Promise<number | undefined>;
}

const NOT_FOUND = new Set(['RegistryNotFoundError', 'NotFoundError']);

export function registryLookup(registry: RegistryReader): ModelRegistryLookup {
  return {
    async versionMetrics(name, version) {
      try {
        return (await registry.getMetadata(name, version)).metrics ?? {};
      } catch (error) {
        if (error instanceof Error && NOT_FOUND.has(error.name)) return undefined;
        throw error;
      }
    },
    productionVersion: (name) => registry.resolveAlias(name, 'production'),
  };
}
