// ML-aware (mandatory): the model version pinned for prod exists in the model registry and its
// recorded AP is not below the version currently aliased `production`.
import type { ResourceValidationPolicy } from '@pulumi/policy';
import { STACK_LABELS } from '../../../core/contract';
import { environmentOf, kindOf, type K8sProps } from '../k8s-objects';

/** What the policy needs from the model registry (injected: tests pass a fake). */
export interface ModelRegistryLookup {
  /** Recorded metrics of a committed version; undefined when the version does not exist. */
  versionMetrics(
    name: string,
    version: number,
  ): Promise<Readonly<Record<string, number>> | undefined>;
  /** The version the `production` alias points at, if any. */
  productionVersion(name: string): Promise<number | undefined>;
}

/** The metric compared between the pinned and the production version (COCO AP@[.50:.95]). */
export const GATING_METRIC = 'AP';

/** Pure over the lookup: the problems of pinning `version` of `name` for prod. */
export async function modelPinProblems(
  lookup: ModelRegistryLookup,
  name: string,
  pinned: string,
): Promise<string[]> {
  const version = Number(pinned);
  if (!Number.isInteger(version) || version < 1) {
    return [`model ${name}: prod must pin a version number (found "${pinned}")`];
  }
  const metrics = await lookup.versionMetrics(name, version);
  if (metrics === undefined) return [`model ${name} version ${version} is not in the registry`];
  const current = await lookup.productionVersion(name);
  if (current === undefined || current === version) return [];
  const currentAp = (await lookup.versionMetrics(name, current))?.[GATING_METRIC];
  const pinnedAp = metrics[GATING_METRIC];
  if (currentAp === undefined) return [];
  if (pinnedAp === undefined) {
    return [`model ${name} version ${version} has no recorded ${GATING_METRIC}`];
  }
  return pinnedAp < currentAp
    ? [
        `model ${name} version ${version} has ${GATING_METRIC} ${pinnedAp}, below production ` +
          `version ${current} (${currentAp})`,
      ]
    : [];
}

/** Policy config: where the model registry lives (a storage URI such as s3://bucket/prefix). */
export interface ModelPromotionConfig {
  readonly registryUri?: string;
}

/** Builds the policy; `openLookup` opens the registry named by the policy config, once per URI. */
export function modelPromotionPolicy(
  openLookup: (registryUri: string) => ModelRegistryLookup,
): ResourceValidationPolicy {
  const opened = new Map<string, ModelRegistryLookup>();
  return {
    name: 'prod-model-pinned-and-not-worse',
    description: 'Prod pins a registered model version whose AP is not below production’s.',
    enforcementLevel: 'mandatory',
    configSchema: { properties: { registryUri: { type: 'string' } } },
    validateResource: async (args, reportViolation) => {
      const props = args.props as K8sProps;
      const annotations = props.metadata?.annotations ?? {};
      const name = annotations[STACK_LABELS.model];
      if (kindOf(args.type) !== 'Deployment' || environmentOf(props) !== 'prod' || !name) return;
      const uri = args.getConfig<ModelPromotionConfig>().registryUri;
      if (!uri) {
        reportViolation('set registryUri in the policy config to check the prod model pin');
        return;
      }
      const lookup = opened.get(uri) ?? openLookup(uri);
      opened.set(uri, lookup);
      const pinned = annotations[STACK_LABELS.modelVersion] ?? '';
      for (const problem of await modelPinProblems(lookup, name, pinned)) reportViolation(problem);
    },
  };
}
