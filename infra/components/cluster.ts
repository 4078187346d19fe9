// Cluster: the Kubernetes cluster a stack deploys into and the explicit provider for it — the
// toolchain's local cluster or any existing cluster (adopted through a kubeconfig), or EKS.
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { EksCluster, type EksClusterArgs } from './eks-cluster';

export type ClusterKind = 'local' | 'existing' | 'eks';

export interface ClusterArgs {
  /** local: the toolchain's cluster; existing: any kubeconfig/context; eks: created on AWS. */
  readonly kind: ClusterKind;
  /** Kubeconfig contents (local, existing). Treated as a secret. */
  readonly kubeconfig?: pulumi.Input<string>;
  /** Context inside the kubeconfig. @default its current context */
  readonly context?: string;
  /** EKS settings (eks only). */
  readonly eks?: EksClusterArgs;
}

export class Cluster extends pulumi.ComponentResource {
  public readonly kind: ClusterKind;
  /** Provider every Kubernetes resource of the stack must use. */
  public readonly provider: k8s.Provider;
  /** Kubeconfig of the cluster (secret). */
  public readonly kubeconfig: pulumi.Output<string>;
  /** The EKS cluster (its OIDC provider enables IRSA); undefined off AWS. */
  public readonly eks?: EksCluster;

  constructor(name: string, args: ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super('mlops-stack:cluster:Cluster', name, {}, opts);
    this.kind = args.kind;
    if (args.kind === 'eks') {
      if (!args.eks) throw new Error(`Cluster ${name}: kind eks needs eks settings`);
      this.eks = new EksCluster(name, args.eks, { parent: this });
      this.kubeconfig = this.eks.kubeconfig;
    } else {
      if (args.kubeconfig === undefined) {
        throw new Error(`Cluster ${name}: kind ${args.kind} needs a kubeconfig`);
      }
      this.kubeconfig = pulumi.secret(pulumi.output(args.kubeconfig));
    }
    this.provider = new k8s.Provider(
      name,
      {
        kubeconfig: this.kubeconfig,
        context: args.context,
        // The local cluster may already be gone when its stack is destroyed: drop its objects
        // from the state instead of failing on an unreachable API server.
        deleteUnreachable: args.kind === 'local',
      },
      { parent: this, dependsOn: this.eks ? [...this.eks.nodeGroups] : [] },
    );
    this.registerOutputs({ kind: this.kind, kubeconfig: this.kubeconfig });
  }
}
