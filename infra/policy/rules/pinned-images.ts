// Mandatory: in staging and prod, every image is pinned by digest and never tagged `latest`.
import type { ResourceValidationPolicy } from '@pulumi/policy';
import { isDigestPinned } from '../../config-schema';
import {
  containersOf,
  environmentOf,
  isStrictEnvironment,
  podSpecOf,
  type K8sProps,
} from '../k8s-objects';

/** Pure: why an image reference is not acceptable in a strict environment, if it is not. */
export function imageProblem(image: string): string | undefined {
  const withoutDigest = image.split('@')[0];
  const lastSegment = withoutDigest.split('/').pop() ?? '';
  if (lastSegment.endsWith(':latest')) return `image ${image} uses the latest tag`;
  if (!isDigestPinned(image)) return `image ${image} is not pinned by digest (…@sha256:…)`;
  return undefined;
}

export const pinnedImages: ResourceValidationPolicy = {
  name: 'images-pinned-by-digest',
  description: 'Staging and prod run images pinned by digest, never `latest`.',
  enforcementLevel: 'mandatory',
  validateResource: (args, reportViolation) => {
    const props = args.props as K8sProps;
    const spec = podSpecOf(args.type, props);
    if (!spec || !isStrictEnvironment(environmentOf(props))) return;
    for (const c of containersOf(spec)) {
      const problem = imageProblem(c.image ?? '');
      if (problem) reportViolation(`container ${c.name ?? '?'}: ${problem}`);
    }
  },
};
