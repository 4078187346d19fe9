// Monitoring: Prometheus, Alertmanager and Grafana rendered from the platform cdk8s charts into
// the stack's cluster.
import type * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { Chart } from 'cdk8s';
import { CdkChartResource } from './cdk-chart-resource';

export interface MonitoringArgs {
  /** The platform charts to render (Prometheus, Alertmanager, Grafana). */
  readonly charts: readonly Chart[];
  /** Provider of the target cluster; never the ambient kubeconfig. */
  readonly provider: k8s.Provider;
  /** Namespace of the monitoring objects. */
  readonly namespace: pulumi.Input<string>;
  /** Grafana's address (in-cluster service URL, or an ingress URL). */
  readonly grafanaUrl: pulumi.Input<string>;
  /** Resources the objects wait for, e.g. the Grafana admin Secret. @default [] */
  readonly dependsOn?: readonly pulumi.Resource[];
  /** Labels on every object. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

export class Monitoring extends pulumi.ComponentResource {
  public readonly grafanaUrl: pulumi.Output<string>;

  constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super('mlops-stack:monitoring:Monitoring', name, {}, opts);
    if (args.charts.length === 0) throw new Error(`Monitoring ${name}: no chart given`);
    for (const chart of args.charts) {
      new CdkChartResource(
        `${name}-${chart.node.id}`,
        {
          chart,
          provider: args.provider,
          namespace: args.namespace,
          labels: args.labels,
          dependsOn: args.dependsOn,
        },
        { parent: this },
      );
    }
    this.grafanaUrl = pulumi.output(args.grafanaUrl);
    this.registerOutputs({ grafanaUrl: this.grafanaUrl });
  }
}
