// StackCharts implemented with the project's charts (serving/chart.ts, training/chart.ts and the
// platform charts of infra/charts): maps the stacks' typed inputs onto each chart's props.
import { App } from 'cdk8s';
import { TRAINING_TRIGGER_PATHS } from '../core/contract';
import { parseImageRef } from '../core/versions';
import { dashboards } from '../monitoring/dashboards';
import { renderRuleFile } from '../monitoring/rules/render';
import { ServingChart } from '../serving/chart';
import { TrainingChart } from '../training/chart';
import { NODE_GROUP_LABEL } from './components/eks-cluster';
import { AlertmanagerChart } from './charts/alertmanager-chart';
import { GrafanaChart } from './charts/grafana-chart';
import { MinioChart } from './charts/minio-chart';
import { PrometheusChart } from './charts/prometheus-chart';
import { RegistryChart } from './charts/registry-chart';
import type {
  PlatformChartInputs,
  StackCharts,
  StorageWiring,
  WorkloadChartInputs,
} from './stack-charts';

/** Pure: the storage URIs of the registry, datasets and run metadata under a bucket prefix. */
export function storageUris(s: StorageWiring): {
  registryUri: string;
  datasetsUri: string;
  metadataUri: string;
} {
  const root = `s3://${s.bucket}/${s.prefix}`.replace(/\/+$/, '');
  return {
    registryUri: `${root}/registry`,
    datasetsUri: `${root}/datasets`,
    metadataUri: `${root}/metadata`,
  };
}

/** The configured override of a platform image, if any. */
const imageOf = (images: Readonly<Record<string, string>>, name: string) =>
  images[name] === undefined ? undefined : parseImageRef(images[name]);

/** Props every platform chart takes. */
const platformCommon = (i: PlatformChartInputs, name: string) => ({
  namespace: i.namespace,
  environment: i.environment,
  labels: i.labels,
  image: imageOf(i.images, name),
});

const storageProps = (s: StorageWiring) => ({
  s3Endpoint: s.endpoint === '' ? undefined : s.endpoint,
  s3Region: s.region,
  credentialsSecret: s.credentialsSecret,
});

const workloadCommon = (i: WorkloadChartInputs) => ({
  namespace: i.namespace,
  environment: i.environment,
  image: parseImageRef(i.image),
  monitoringNamespace: i.monitoringNamespace,
  labels: i.labels,
});

export const chartFactories: StackCharts = {
  serving(i) {
    const chart = new ServingChart(new App(), 'serving', {
      ...workloadCommon(i),
      storage: { registryUri: storageUris(i.storage).registryUri, ...storageProps(i.storage) },
      apiSecret: i.apiSecret,
      // Fixed replicas below 2 cannot keep a PodDisruptionBudget (maxUnavailable 1) satisfiable.
      ...(i.replicas >= 2 ? { autoscaling: { minReplicas: i.replicas } } : {}),
      ...(i.replicas < 2
        ? { autoscaling: false, replicas: i.replicas, podDisruptionBudget: false }
        : {}),
      // A pinned version is served exactly; otherwise the latest, following registry aliases.
      modelConfig: {
        models: [
          i.model.version === undefined
            ? { name: i.model.name }
            : { name: i.model.name, versionPolicy: { specific: [i.model.version] } },
        ],
      },
      importDefaultModel: i.environment === 'local' || i.environment === 'dev',
    });
    return { chart, url: chart.url };
  },

  training(i) {
    const chart = new TrainingChart(new App(), 'training', {
      ...workloadCommon(i),
      model: i.model,
      schedule: i.schedule,
      storage: { ...storageUris(i.storage), ...storageProps(i.storage) },
      gpu: i.gpu ? { nodeSelector: { [NODE_GROUP_LABEL]: 'gpu' } } : undefined,
      trigger: i.triggerTokenSecret ? { tokenSecret: i.triggerTokenSecret } : undefined,
    });
    return { chart, triggerUrl: chart.triggerUrl };
  },

  registry(i) {
    const chart = new RegistryChart(new App(), 'registry', platformCommon(i, 'registry'));
    return { chart, url: chart.address };
  },

  minio(i) {
    const chart = new MinioChart(new App(), 'minio', {
      ...platformCommon(i, 'minio'),
      clientImage: imageOf(i.images, 'minioClient'),
      bucket: i.bucket,
      storageGi: i.sizeGi,
      rootCredentialsSecret: i.rootCredentialsSecret,
      appCredentialsSecret: i.appCredentialsSecret,
    });
    return { chart, endpoint: chart.endpoint };
  },

  monitoring(i) {
    const alertmanager = i.trigger
      ? new AlertmanagerChart(new App(), 'alertmanager', {
          ...platformCommon(i, 'alertmanager'),
          triggerUrl: `${i.trigger.url}${TRAINING_TRIGGER_PATHS.alertmanager}`,
          triggerTokenSecret: i.trigger.tokenSecret,
        })
      : undefined;
    const prometheus = new PrometheusChart(new App(), 'prometheus', {
      ...platformCommon(i, 'prometheus'),
      workloadNamespace: i.workloadNamespace,
      alertmanagerAddress: alertmanager?.address,
      ruleFiles: { 'mlops-stack.yaml': renderRuleFile() },
    });
    const grafana = new GrafanaChart(new App(), 'grafana', {
      ...platformCommon(i, 'grafana'),
      prometheusUrl: prometheus.url,
      adminSecret: i.grafanaSecret,
      dashboards: Object.fromEntries(
        Object.entries(dashboards()).map(([file, d]) => [file, JSON.stringify(d)]),
      ),
    });
    return {
      charts: alertmanager ? [prometheus, alertmanager, grafana] : [prometheus, grafana],
      grafanaUrl: grafana.url,
    };
  },
};
