// Renders the serving and training charts for a stack (platform or ephemeral) into a Workloads
// component: the one place that maps stack config onto the workload charts' inputs.
import type * as k8s from '@pulumi/kubernetes';
import type * as pulumi from '@pulumi/pulumi';
import { Workloads } from './components/workloads';
import type { StackConfig } from './config';
import { stackMetadata } from './labels';
import { SECRET_NAMES } from './secret-specs';
import type { StackCharts, StorageWiring } from './stack-charts';

export interface WorkloadsWiring {
  readonly config: StackConfig;
  /** Namespace of the workloads. */
  readonly namespace: string;
  readonly charts: StackCharts;
  readonly storage: StorageWiring;
  readonly provider: k8s.Provider;
  /** What the workloads wait for and outlive on destroy (namespace, Secrets, storage). */
  readonly dependsOn: readonly pulumi.Resource[];
  /** Deploy-time values for `{{mlops:key}}` placeholders (e.g. StackReference outputs). */
  readonly substitutions?: Readonly<Record<string, pulumi.Input<string>>>;
  /** Namespace of Prometheus, when monitoring runs. */
  readonly monitoringNamespace?: string;
  /** Secret with the trigger webhook's token; no webhook without it. */
  readonly triggerTokenSecret?: string;
  /** Annotations on the workloads' ServiceAccounts (IRSA role). */
  readonly serviceAccountAnnotations?: Readonly<Record<string, string>>;
}

export interface DeployedWorkloads {
  readonly component: Workloads;
  /** In-cluster URL of the training trigger webhook, when deployed. */
  readonly triggerUrl?: string;
}

export function deployWorkloads(w: WorkloadsWiring): DeployedWorkloads {
  const meta = stackMetadata(w.config);
  const common = {
    namespace: w.namespace,
    environment: w.config.environment,
    storage: w.storage,
    apiSecret: SECRET_NAMES.api,
    monitoringNamespace: w.monitoringNamespace,
    labels: meta.labels,
  };
  const serving = w.charts.serving({ ...common, ...w.config.serving });
  const training = w.config.training.enabled
    ? w.charts.training({
        ...common,
        ...w.config.training,
        triggerTokenSecret: w.triggerTokenSecret,
      })
    : undefined;
  const component = new Workloads('workloads', {
    serving: serving.chart,
    training: training?.chart,
    provider: w.provider,
    namespace: w.namespace,
    model: w.config.serving.model,
    serviceUrl: serving.url,
    substitutions: w.substitutions,
    labels: meta.labels,
    annotations: meta.annotations,
    serviceAccountAnnotations: w.serviceAccountAnnotations,
    dependsOn: w.dependsOn,
  });
  return { component, triggerUrl: training?.triggerUrl };
}
