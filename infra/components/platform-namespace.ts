// PlatformNamespace: a namespace that enforces a Pod Security Standard, with default-deny
// NetworkPolicies (workload charts add the allows they need) and DNS egress kept open.
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';

export type PodSecurityLevel = 'restricted' | 'baseline' | 'privileged';

export interface PlatformNamespaceArgs {
  /** Namespace name (DNS-1123 label), used verbatim: charts refer to it. */
  readonly name: string;
  /** Provider of the target cluster; never the ambient kubeconfig. */
  readonly provider: k8s.Provider;
  /** Pod Security Standard enforced (and audited, and warned about). @default 'restricted' */
  readonly podSecurity?: PodSecurityLevel;
  /** Extra labels (stack ownership, PR number, expiry). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Extra annotations. @default {} */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * How long `destroy` waits for the namespace to finish terminating before failing loudly
   * (instead of hanging on a stuck finalizer). @default '10m'
   */
  readonly deleteTimeout?: string;
  /**
   * Resources the namespace is created after and deleted before: e.g. the local cluster's
   * volumes, so `destroy` removes the namespace (and the claims in it) before the volumes a
   * claim would otherwise hold. @default []
   */
  readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
}

export class PlatformNamespace extends pulumi.ComponentResource {
  public readonly namespace: k8s.core.v1.Namespace;
  /** The namespace name, known once the namespace exists (depend on this, not the plain name). */
  public readonly name: pulumi.Output<string>;
  public readonly defaultDeny: k8s.networking.v1.NetworkPolicy;

  constructor(name: string, args: PlatformNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
    super('mlops-stack:k8s:PlatformNamespace', name, {}, opts);
    const child = { parent: this, provider: args.provider };
    this.namespace = new k8s.core.v1.Namespace(
      name,
      {
        metadata: {
          name: args.name,
          labels: { ...args.labels, ...podSecurityLabels(args.podSecurity ?? 'restricted') },
          annotations: { ...args.annotations },
        },
      },
      {
        ...child,
        dependsOn: args.dependsOn ?? [],
        customTimeouts: { delete: args.deleteTimeout ?? '10m' },
      },
    );
    this.name = this.namespace.metadata.name;
    const inNamespace = { ...child, dependsOn: [this.namespace] };
    this.defaultDeny = new k8s.networking.v1.NetworkPolicy(
      `${name}-default-deny`,
      {
        metadata: { name: 'default-deny', namespace: this.name, labels: { ...args.labels } },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      },
      inNamespace,
    );
    new k8s.networking.v1.NetworkPolicy(
      `${name}-allow-dns`,
      {
        metadata: { name: 'allow-dns-egress', namespace: this.name, labels: { ...args.labels } },
        spec: {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [
                { namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } },
              ],
              ports: [
                { protocol: 'UDP', port: 53 },
                { protocol: 'TCP', port: 53 },
              ],
            },
          ],
        },
      },
      inNamespace,
    );
    this.registerOutputs({ name: this.name });
  }
}

/** Pure: the Pod Security admission labels for a level (enforce + audit + warn). */
export function podSecurityLabels(level: PodSecurityLevel): Record<string, string> {
  return {
    'pod-security.kubernetes.io/enforce': level,
    'pod-security.kubernetes.io/enforce-version': 'latest',
    'pod-security.kubernetes.io/audit': level,
    'pod-security.kubernetes.io/warn': level,
  };
}
