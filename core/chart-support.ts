// What every cdk8s chart of the project shares: the app.kubernetes.io/* labels, the restricted
// Pod Security Standard contexts (pod and container, for cdk8s-plus and for raw k8s objects),
// and the image reference rule. Serving, training and the platform charts all build on these so
// a chart cannot drift from the security baseline by forgetting a field.
import type * as kplus from 'cdk8s-plus-28';
import { Capability, SeccompProfileType, k8s } from 'cdk8s-plus-28';
import { LABELS, PART_OF } from './contract';

/** Who a set of objects belongs to; becomes the app.kubernetes.io/* labels. */
export interface ComponentIdentity {
  /** app.kubernetes.io/name, e.g. `serving`, `prometheus`. */
  readonly name: string;
  /** app.kubernetes.io/instance: one installation of the component (unique per namespace). */
  readonly instance: string;
  /** app.kubernetes.io/component, e.g. `inference`, `monitoring`. */
  readonly component: string;
  /** app.kubernetes.io/version: the image tag. */
  readonly version: string;
}

/** Labels that select a component's pods; stable across versions (no version label). */
export function selectorLabels(id: ComponentIdentity): Record<string, string> {
  return {
    [LABELS.name]: id.name,
    [LABELS.instance]: id.instance,
    [LABELS.component]: id.component,
  };
}

/** The full recommended label set for every object of a component, plus caller extras. */
export function standardLabels(
  id: ComponentIdentity,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    ...extra,
    ...selectorLabels(id),
    [LABELS.version]: labelValue(id.version),
    [LABELS.partOf]: PART_OF,
    [LABELS.managedBy]: 'cdk8s',
  };
}

/** Label values are ≤ 63 characters of [A-Za-z0-9_.-], starting and ending alphanumeric. */
export function labelValue(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 63);
  return cleaned.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

/** Pod-level context satisfying the restricted Pod Security Standard. */
export function restrictedPodSecurity(uid: number): k8s.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    fsGroup: uid,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Container-level context satisfying the restricted Pod Security Standard. */
export function restrictedContainerSecurity(
  uid: number,
  readOnlyRootFilesystem = true,
): k8s.SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** The same container context expressed as cdk8s-plus props. */
export function plusContainerSecurity(uid: number): kplus.ContainerSecurityContextProps {
  return {
    ensureNonRoot: true,
    user: uid,
    group: uid,
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: [Capability.ALL] },
    seccompProfile: { type: SeccompProfileType.RUNTIME_DEFAULT },
  };
}

/** The same pod context expressed as cdk8s-plus props (seccomp is set per container). */
export function plusPodSecurity(uid: number): kplus.PodSecurityContextProps {
  return { ensureNonRoot: true, user: uid, group: uid, fsGroup: uid };
}

/** Pull policy: a digest never changes, a tag might (local registries re-push tags). */
export function pullPolicy(imageReference: string): string {
  return imageReference.includes('@sha256:') ? 'IfNotPresent' : 'Always';
}

/** Requests/limits from plain numbers: millicores and MiB. */
export function resources(r: {
  readonly cpuRequestMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryRequestMiB: number;
  readonly memoryLimitMiB: number;
}): k8s.ResourceRequirements {
  if (r.memoryRequestMiB > r.memoryLimitMiB || r.cpuRequestMillis > r.cpuLimitMillis) {
    throw new Error('resources: a request must not exceed its limit');
  }
  const q = (v: string) => k8s.Quantity.fromString(v);
  return {
    requests: { cpu: q(`${r.cpuRequestMillis}m`), memory: q(`${r.memoryRequestMiB}Mi`) },
    limits: { cpu: q(`${r.cpuLimitMillis}m`), memory: q(`${r.memoryLimitMiB}Mi`) },
  };
}
