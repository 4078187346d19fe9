// PrometheusChart: Prometheus scraping the serving pods and the training trigger in the workloads'
// namespace (pod discovery through a read-only Role there), with a rules ConfigMap whose content
// the monitoring rules supply, sending alerts to the platform Alertmanager.
import { createHash } from 'node:crypto';
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { stringify } from 'yaml';
import { IMAGES, imageRef } from '../../core/versions';
import { ALERTMANAGER_PORT } from './alertmanager-chart';
import { platformIdentity, type PlatformChartProps } from './platform-props';
import { claimTemplate, platformWorkload, scratch } from './platform-workload';
import { prometheusConfig } from './prometheus-config';

export interface PrometheusChartProps extends PlatformChartProps {
  /** Namespace of the serving and training workloads to scrape. */
  readonly workloadNamespace: string;
  /** Rule files by name (`*.yaml`), e.g. the monitoring rules. @default {} */
  readonly ruleFiles?: Readonly<Record<string, string>>;
  /** Alertmanager `host:port`. @default alertmanager.<namespace>.svc:9093 */
  readonly alertmanagerAddress?: string;
  /** Pushgateway `host:port` to scrape, if any. @default none */
  readonly pushgatewayAddress?: string;
  /** @default '15s' */
  readonly scrapeInterval?: string;
  /** @default '7d' */
  readonly retention?: string;
  /** @default 10 */
  readonly storageGi?: number;
  /** @default cluster default */
  readonly storageClassName?: string;
}

export const PROMETHEUS_PORT = 9090;
const RULE_DIR = '/etc/prometheus/rules';

export class PrometheusChart extends Chart {
  /** Base URL of the Prometheus API inside the cluster. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: PrometheusChartProps) {
    const image = props.image ?? IMAGES.prometheus;
    const { identity, labels } = platformIdentity(props, 'prometheus', 'monitoring', image);
    super(scope, id, { namespace: props.namespace, labels, disableResourceNameHashes: true });
    const name = identity.instance;
    for (const file of Object.keys(props.ruleFiles ?? {})) {
      if (!/^[a-z0-9][a-z0-9._-]*\.yaml$/.test(file))
        throw new Error(`ruleFiles: "${file}" must be a *.yaml file name`);
    }
    const config = stringify(
      prometheusConfig({
        workloadNamespace: props.workloadNamespace,
        alertmanagerAddress:
          props.alertmanagerAddress ??
          `alertmanager.${props.namespace}.svc.cluster.local:${ALERTMANAGER_PORT}`,
        scrapeInterval: props.scrapeInterval ?? '15s',
        ruleDir: RULE_DIR,
        pushgatewayAddress: props.pushgatewayAddress,
      }),
      { lineWidth: 0 },
    );
    new k8s.KubeConfigMap(this, 'config', {
      metadata: { name: `${name}-config` },
      data: { 'prometheus.yml': config },
    });
    new k8s.KubeConfigMap(this, 'rules', {
      metadata: { name: `${name}-rules` },
      data: { ...props.ruleFiles },
    });
    this.discoveryRbac(name, props.namespace, props.workloadNamespace, labels);

    const address = platformWorkload(this, {
      identity,
      namespace: props.namespace,
      labels,
      uid: 65534,
      image: imageRef('prometheus', image, props.environment),
      args: [
        '--config.file=/etc/prometheus/prometheus.yml',
        '--storage.tsdb.path=/prometheus',
        `--storage.tsdb.retention.time=${props.retention ?? '7d'}`,
        `--web.listen-address=:${PROMETHEUS_PORT}`,
      ],
      ports: [{ name: 'http', port: PROMETHEUS_PORT }],
      volumeMounts: [
        {
          name: 'config',
          mountPath: '/etc/prometheus/prometheus.yml',
          subPath: 'prometheus.yml',
          readOnly: true,
        },
        { name: 'rules', mountPath: RULE_DIR, readOnly: true },
        { name: 'data', mountPath: '/prometheus' },
        { name: 'tmp', mountPath: '/tmp' },
      ],
      volumes: [
        { name: 'config', configMap: { name: `${name}-config` } },
        { name: 'rules', configMap: { name: `${name}-rules` } },
        scratch('tmp', 64),
      ],
      volumeClaimTemplates: [claimTemplate('data', props.storageGi ?? 10, props.storageClassName)],
      serviceAccountName: name,
      podAnnotations: {
        'mlops-stack.io/config-sha256': sha256(config + JSON.stringify(props.ruleFiles ?? {})),
      },
      healthPath: { ready: '/-/ready', live: '/-/healthy' },
      resources: {
        cpuRequestMillis: 100,
        cpuLimitMillis: 1000,
        memoryRequestMiB: 256,
        memoryLimitMiB: 1024,
      },
    });
    this.url = `http://${address}`;
  }

  /** Read-only discovery of pods/endpoints in the workloads' namespace, nothing cluster-wide. */
  private discoveryRbac(
    name: string,
    ns: string,
    workloadNs: string,
    labels: Record<string, string>,
  ): void {
    new k8s.KubeServiceAccount(this, 'service-account', { metadata: { name } });
    new k8s.KubeRole(this, 'discovery-role', {
      metadata: { name: `${name}-discovery`, namespace: workloadNs, labels },
      rules: [
        {
          apiGroups: [''],
          resources: ['pods', 'services', 'endpoints'],
          verbs: ['get', 'list', 'watch'],
        },
      ],
    });
    new k8s.KubeRoleBinding(this, 'discovery-binding', {
      metadata: { name: `${name}-discovery`, namespace: workloadNs, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${name}-discovery` },
      subjects: [{ kind: 'ServiceAccount', name, namespace: ns }],
    });
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
