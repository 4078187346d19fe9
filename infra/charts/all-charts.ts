// Builds every chart of one environment with representative wiring: what `npm run synth` writes
// for inspection and what the dry-run test applies. Stacks wire the same charts from their own
// validated config (infra/); this module only fixes names that a stack would pass in.
import type { App, Chart } from 'cdk8s';
import { TRAINING_TRIGGER_PATHS } from '../../core/contract';
import { dashboards } from '../../monitoring/dashboards';
import { renderRuleFile } from '../../monitoring/rules/render';
import { ServingChart } from '../../serving/chart';
import { TrainingChart } from '../../training/chart';
import type { ImageVersion } from '../../core/versions';
import { AlertmanagerChart } from './alertmanager-chart';
import { GrafanaChart } from './grafana-chart';
import { MinioChart } from './minio-chart';
import { PrometheusChart } from './prometheus-chart';
import { RegistryChart } from './registry-chart';

export interface AllChartsOptions {
  readonly environment: string;
  /** @default 'mlops' */
  readonly workloadNamespace?: string;
  /** @default 'mlops-platform' */
  readonly platformNamespace?: string;
  /** In-cluster registry and MinIO (local/on-prem) rather than cloud services. */
  readonly inClusterServices: boolean;
  /** Image overrides (e.g. digests recorded by CI), by IMAGES key. @default {} */
  readonly images?: Readonly<Partial<Record<string, ImageVersion>>>;
}

export const SECRETS = {
  storage: 'storage-credentials',
  minioRoot: 'minio-root',
  api: 'serving-api',
  trigger: 'training-trigger-token',
  grafana: 'grafana-admin',
} as const;

/** Adds every chart of the environment to `app`; returns them by name. */
export function buildAllCharts(app: App, o: AllChartsOptions): Record<string, Chart> {
  const ns = o.workloadNamespace ?? 'mlops';
  const platformNs = o.platformNamespace ?? 'mlops-platform';
  const img = o.images ?? {};
  const charts: Record<string, Chart> = {};
  const common = { environment: o.environment, namespace: platformNs };
  let storage = { bucket: 'mlops-stack', endpoint: undefined as string | undefined };

  if (o.inClusterServices) {
    charts.registry = new RegistryChart(app, 'registry', { ...common, image: img.registry });
    const minio = new MinioChart(app, 'minio', {
      ...common,
      image: img.minio,
      clientImage: img.minioClient,
      bucket: storage.bucket,
      rootCredentialsSecret: SECRETS.minioRoot,
      appCredentialsSecret: SECRETS.storage,
    });
    charts.minio = minio;
    storage = { ...storage, endpoint: minio.endpoint };
  }
  const s3 = `s3://${storage.bucket}`;
  const serving = new ServingChart(app, 'serving', {
    namespace: ns,
    environment: o.environment,
    image: img.serving,
    storage: {
      registryUri: `${s3}/registry`,
      s3Endpoint: storage.endpoint,
      credentialsSecret: o.inClusterServices ? SECRETS.storage : undefined,
    },
    apiSecret: SECRETS.api,
    monitoringNamespace: platformNs,
  });
  const training = new TrainingChart(app, 'training', {
    namespace: ns,
    environment: o.environment,
    image: img.training,
    model: 'custom-detector',
    storage: {
      registryUri: `${s3}/registry`,
      datasetsUri: `${s3}/datasets`,
      metadataUri: `${s3}/metadata`,
      s3Endpoint: storage.endpoint,
      credentialsSecret: o.inClusterServices ? SECRETS.storage : undefined,
    },
    trigger: { tokenSecret: SECRETS.trigger },
    monitoringNamespace: platformNs,
  });
  charts.serving = serving;
  charts.training = training;

  const alertmanager = new AlertmanagerChart(app, 'alertmanager', {
    ...common,
    image: img.alertmanager,
    triggerUrl: `${training.triggerUrl}${TRAINING_TRIGGER_PATHS.alertmanager}`,
    triggerTokenSecret: SECRETS.trigger,
  });
  const prometheus = new PrometheusChart(app, 'prometheus', {
    ...common,
    image: img.prometheus,
    workloadNamespace: ns,
    alertmanagerAddress: alertmanager.address,
    ruleFiles: { 'mlops-stack.yaml': renderRuleFile() },
  });
  const grafana = new GrafanaChart(app, 'grafana', {
    ...common,
    image: img.grafana,
    prometheusUrl: prometheus.url,
    adminSecret: SECRETS.grafana,
    dashboards: Object.fromEntries(
      Object.entries(dashboards()).map(([file, d]) => [file, JSON.stringify(d)]),
    ),
  });
  Object.assign(charts, { alertmanager, prometheus, grafana });
  return charts;
}
