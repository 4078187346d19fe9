// GrafanaChart: Grafana with the platform Prometheus provisioned as its data source and a
// dashboards ConfigMap (the monitoring dashboards' JSON) loaded by a file provider. Admin password
// from a Secret; anonymous access, update checks and telemetry off; state on an emptyDir since
// everything it shows is provisioned.
import { createHash } from 'node:crypto';
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { stringify } from 'yaml';
import { IMAGES, imageRef } from '../../core/versions';
import { platformIdentity, type PlatformChartProps } from './platform-props';
import { platformWorkload, scratch } from './platform-workload';

export interface GrafanaChartProps extends PlatformChartProps {
  /** Prometheus base URL for the provisioned data source. */
  readonly prometheusUrl: string;
  /** Secret with key `admin-password`. */
  readonly adminSecret: string;
  /** Dashboards by file name (`*.json`), e.g. the monitoring dashboards. @default {} */
  readonly dashboards?: Readonly<Record<string, string>>;
}

export const GRAFANA_PORT = 3000;
const DASHBOARD_DIR = '/etc/grafana/dashboards';

export class GrafanaChart extends Chart {
  /** Base URL of Grafana inside the cluster. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: GrafanaChartProps) {
    const image = props.image ?? IMAGES.grafana;
    const { identity, labels } = platformIdentity(props, 'grafana', 'monitoring', image);
    super(scope, id, { namespace: props.namespace, labels, disableResourceNameHashes: true });
    const name = identity.instance;
    for (const file of Object.keys(props.dashboards ?? {})) {
      if (!/^[a-z0-9][a-z0-9._-]*\.json$/.test(file))
        throw new Error(`dashboards: "${file}" must be a *.json file name`);
    }
    const provisioning = {
      'datasources.yaml': stringify({
        apiVersion: 1,
        datasources: [
          {
            name: 'Prometheus',
            uid: 'prometheus',
            type: 'prometheus',
            access: 'proxy',
            url: props.prometheusUrl,
            isDefault: true,
          },
        ],
      }),
      'dashboards.yaml': stringify({
        apiVersion: 1,
        providers: [
          {
            name: 'mlops-stack',
            folder: 'mlops-stack',
            type: 'file',
            disableDeletion: true,
            options: { path: DASHBOARD_DIR },
          },
        ],
      }),
    };
    new k8s.KubeConfigMap(this, 'provisioning', {
      metadata: { name: `${name}-provisioning` },
      data: provisioning,
    });
    new k8s.KubeConfigMap(this, 'dashboards', {
      metadata: { name: `${name}-dashboards` },
      data: { ...props.dashboards },
    });
    const env: Record<string, string> = {
      GF_PATHS_DATA: '/var/lib/grafana',
      GF_PATHS_LOGS: '/var/lib/grafana/logs',
      GF_PATHS_PLUGINS: '/var/lib/grafana/plugins',
      GF_LOG_MODE: 'console',
      GF_SECURITY_ADMIN_PASSWORD__FILE: '/etc/grafana/secrets/admin-password',
      GF_AUTH_ANONYMOUS_ENABLED: 'false',
      GF_ANALYTICS_REPORTING_ENABLED: 'false',
      GF_ANALYTICS_CHECK_FOR_UPDATES: 'false',
      GF_ANALYTICS_CHECK_FOR_PLUGIN_UPDATES: 'false',
    };
    const address = platformWorkload(this, {
      identity,
      namespace: props.namespace,
      labels,
      uid: 472,
      image: imageRef('grafana', image, props.environment),
      env: Object.entries(env).map(([k, value]) => ({ name: k, value })),
      ports: [{ name: 'http', port: GRAFANA_PORT }],
      volumeMounts: [
        {
          name: 'provisioning',
          mountPath: '/etc/grafana/provisioning/datasources/datasources.yaml',
          subPath: 'datasources.yaml',
          readOnly: true,
        },
        {
          name: 'provisioning',
          mountPath: '/etc/grafana/provisioning/dashboards/dashboards.yaml',
          subPath: 'dashboards.yaml',
          readOnly: true,
        },
        { name: 'dashboards', mountPath: DASHBOARD_DIR, readOnly: true },
        { name: 'admin', mountPath: '/etc/grafana/secrets', readOnly: true },
        { name: 'data', mountPath: '/var/lib/grafana' },
        { name: 'tmp', mountPath: '/tmp' },
      ],
      volumes: [
        { name: 'provisioning', configMap: { name: `${name}-provisioning` } },
        { name: 'dashboards', configMap: { name: `${name}-dashboards` } },
        { name: 'admin', secret: { secretName: props.adminSecret } },
        scratch('data', 512),
        scratch('tmp', 64),
      ],
      podAnnotations: {
        'mlops-stack.io/config-sha256': createHash('sha256')
          .update(JSON.stringify([provisioning, props.dashboards ?? {}]))
          .digest('hex'),
      },
      healthPath: { ready: '/api/health', live: '/api/health' },
      resources: {
        cpuRequestMillis: 50,
        cpuLimitMillis: 500,
        memoryRequestMiB: 128,
        memoryLimitMiB: 512,
      },
    });
    this.url = `http://${address}`;
  }
}
