// Mandatory: every container runs as non-root and declares CPU and memory limits.
import type { ResourceValidationPolicy } from '@pulumi/policy';
import { containersOf, podSpecOf, type K8sProps, type PodSpec } from '../k8s-objects';

/** Pure: the problems of a pod spec, one message per container and rule. */
export function nonRootWithLimitsProblems(spec: PodSpec): string[] {
  const problems: string[] = [];
  for (const c of containersOf(spec)) {
    const nonRoot = c.securityContext?.runAsNonRoot ?? spec.securityContext?.runAsNonRoot;
    const uid = c.securityContext?.runAsUser ?? spec.securityContext?.runAsUser;
    if (nonRoot !== true || uid === 0) {
      problems.push(
        `container ${c.name ?? '?'} must set runAsNonRoot: true (and not run as uid 0)`,
      );
    }
    const limits = c.resources?.limits ?? {};
    for (const resource of ['cpu', 'memory']) {
      if (limits[resource] === undefined) {
        problems.push(`container ${c.name ?? '?'} must declare a ${resource} limit`);
      }
    }
  }
  return problems;
}

export const nonRootWithLimits: ResourceValidationPolicy = {
  name: 'containers-non-root-with-limits',
  description: 'Containers run as non-root users and declare CPU and memory limits.',
  enforcementLevel: 'mandatory',
  validateResource: (args, reportViolation) => {
    const spec = podSpecOf(args.type, args.props as K8sProps);
    if (spec) for (const problem of nonRootWithLimitsProblems(spec)) reportViolation(problem);
  },
};
