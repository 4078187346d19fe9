// Mandatory: in prod, every serving Deployment is covered by a PodDisruptionBudget.
import type { StackValidationPolicy } from '@pulumi/policy';
import { LABELS } from '../../../core/contract';
import { environmentOf, kindOf, type K8sProps } from '../k8s-objects';

export interface TypedProps {
  readonly type: string;
  readonly props: K8sProps;
}

const covers = (
  selector: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>,
) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

/** Pure: the prod serving Deployments no PodDisruptionBudget in their namespace selects. */
export function servingWithoutPdb(resources: readonly TypedProps[]): string[] {
  const pdbs = resources.filter((r) => kindOf(r.type) === 'PodDisruptionBudget');
  return resources
    .filter((r) => kindOf(r.type) === 'Deployment' && environmentOf(r.props) === 'prod')
    .filter((r) => r.props.metadata?.labels?.[LABELS.name] === 'serving')
    .filter((d) => {
      const podLabels = d.props.spec?.template?.metadata?.labels ?? {};
      return !pdbs.some(
        (p) =>
          p.props.metadata?.namespace === d.props.metadata?.namespace &&
          covers(p.props.spec?.selector?.matchLabels ?? {}, podLabels),
      );
    })
    .map((d) => `${d.props.metadata?.namespace ?? ''}/${d.props.metadata?.name ?? '?'}`);
}

export const prodServingPdb: StackValidationPolicy = {
  name: 'prod-serving-has-pdb',
  description: 'Prod serving Deployments are protected by a PodDisruptionBudget.',
  enforcementLevel: 'mandatory',
  validateStack: (args, reportViolation) => {
    for (const name of servingWithoutPdb(args.resources)) {
      reportViolation(`serving Deployment ${name} has no PodDisruptionBudget selecting its pods`);
    }
  },
};
