// The policies of the mlops-stack policy pack, built around an injected registry opener so the
// list itself is importable (and testable) without starting the policy server.
import type { Policies } from '@pulumi/policy';
import { modelPromotionPolicy, type ModelRegistryLookup } from './rules/model-promotion';
import { nonRootWithLimits } from './rules/non-root-limits';
import { pinnedImages } from './rules/pinned-images';
import { privateBuckets } from './rules/private-buckets';
import { prodServingPdb } from './rules/prod-serving-pdb';

export function mlopsPolicies(openLookup: (registryUri: string) => ModelRegistryLookup): Policies {
  return [
    nonRootWithLimits,
    pinnedImages,
    prodServingPdb,
    privateBuckets,
    modelPromotionPolicy(openLookup),
  ];
}
