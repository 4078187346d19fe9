// prometheus.yml for the platform's Prometheus: Kubernetes pod discovery in the workloads'
// namespace, keeping only the serving pods and the training trigger (by app.kubernetes.io/name)
// on their named `http` port, plus its own metrics and the Alertmanager it sends to.
import { LABELS, SERVING_PATHS, TRAINING_TRIGGER_PATHS } from '../../core/contract';
import { SCRAPE_JOBS } from '../../monitoring/settings';

export interface PrometheusConfigInputs {
  readonly workloadNamespace: string;
  readonly alertmanagerAddress: string;
  readonly scrapeInterval: string;
  readonly ruleDir: string;
  /** Extra static targets (e.g. a Pushgateway `host:port`). */
  readonly pushgatewayAddress?: string;
}

const labelMeta = (key: string) =>
  `__meta_kubernetes_pod_label_${key.replace(/[^a-zA-Z0-9_]/g, '_')}`;

function podJob(job: string, namespace: string, appName: string, metricsPath: string) {
  return {
    job_name: job,
    metrics_path: metricsPath,
    kubernetes_sd_configs: [{ role: 'pod', namespaces: { names: [namespace] } }],
    relabel_configs: [
      { source_labels: [labelMeta(LABELS.name)], regex: appName, action: 'keep' },
      {
        source_labels: ['__meta_kubernetes_pod_container_port_name'],
        regex: 'http',
        action: 'keep',
      },
      { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
      { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
      { source_labels: [labelMeta(LABELS.version)], target_label: 'app_version' },
    ],
  };
}

export function prometheusConfig(i: PrometheusConfigInputs): Record<string, unknown> {
  const jobs: unknown[] = [
    podJob(SCRAPE_JOBS.serving, i.workloadNamespace, 'serving', SERVING_PATHS.metrics),
    podJob(
      SCRAPE_JOBS.training,
      i.workloadNamespace,
      'training-trigger',
      TRAINING_TRIGGER_PATHS.metrics,
    ),
    { job_name: 'prometheus', static_configs: [{ targets: ['localhost:9090'] }] },
  ];
  if (i.pushgatewayAddress) {
    jobs.push({
      job_name: SCRAPE_JOBS.pushgateway,
      honor_labels: true,
      static_configs: [{ targets: [i.pushgatewayAddress] }],
    });
  }
  return {
    global: { scrape_interval: i.scrapeInterval, evaluation_interval: i.scrapeInterval },
    rule_files: [`${i.ruleDir}/*.yaml`],
    alerting: { alertmanagers: [{ static_configs: [{ targets: [i.alertmanagerAddress] }] }] },
    scrape_configs: jobs,
  };
}
