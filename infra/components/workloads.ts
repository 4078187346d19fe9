// Workloads: the serving and training cdk8s charts rendered into the stack's cluster through its
// provider, stamped with the stack's labels and the pinned model version (read by the policy pack).
import type * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { Chart } from 'cdk8s';
import { STACK_LABELS } from '../../core/contract';
import { CdkChartResource } from './cdk-chart-resource';

export interface WorkloadsArgs {
  /** The serving chart (Deployment, Service, HPA, PDB, …). */
  readonly serving: Chart;
  /** The training chart (CronJob, Job template, RBAC). @default none */
  readonly training?: Chart;
  /** Provider of the target cluster; never the ambient kubeconfig. */
  readonly provider: k8s.Provider;
  /** Namespace of the workloads. */
  readonly namespace: pulumi.Input<string>;
  /** Model served, and the version pinned for this environment. */
  readonly model: { readonly name: string; readonly version?: number };
  /** Address of the serving Service (in-cluster URL, or an ingress URL). */
  readonly serviceUrl: pulumi.Input<string>;
  /** Values for `{{mlops:key}}` placeholders in the charts (deploy-time values). @default {} */
  readonly substitutions?: Readonly<Record<string, pulumi.Input<string>>>;
  /** Resources the workloads wait for and outlive on destroy (namespace, Secrets). @default [] */
  readonly dependsOn?: readonly pulumi.Resource[];
  /** Labels on every object (stack, PR number, expiry). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations on every object. @default {} */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Annotations on the workloads' ServiceAccounts (IRSA role). @default {} */
  readonly serviceAccountAnnotations?: Readonly<Record<string, string>>;
}

export class Workloads extends pulumi.ComponentResource {
  public readonly serving: CdkChartResource;
  public readonly training?: CdkChartResource;
  public readonly serviceUrl: pulumi.Output<string>;

  constructor(name: string, args: WorkloadsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('mlops-stack:workloads:Workloads', name, {}, opts);
    const common = {
      provider: args.provider,
      namespace: args.namespace,
      labels: args.labels,
      substitutions: args.substitutions,
      serviceAccountAnnotations: args.serviceAccountAnnotations,
      dependsOn: args.dependsOn,
    };
    this.serving = new CdkChartResource(
      `${name}-serving`,
      {
        ...common,
        chart: args.serving,
        annotations: { ...args.annotations, ...modelAnnotations(args.model) },
      },
      { parent: this },
    );
    if (args.training) {
      this.training = new CdkChartResource(
        `${name}-training`,
        { ...common, chart: args.training, annotations: args.annotations },
        { parent: this },
      );
    }
    this.serviceUrl = pulumi.output(args.serviceUrl);
    this.registerOutputs({ serviceUrl: this.serviceUrl });
  }
}

/** Pure: annotations naming the served model and pinned version ('production' = follow alias). */
export function modelAnnotations(model: {
  readonly name: string;
  readonly version?: number;
}): Record<string, string> {
  return {
    [STACK_LABELS.model]: model.name,
    [STACK_LABELS.modelVersion]: model.version === undefined ? 'production' : String(model.version),
  };
}
