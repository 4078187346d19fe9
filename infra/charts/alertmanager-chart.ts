// AlertmanagerChart: Alertmanager with the monitoring issue's routing (monitoring/alertmanager.ts):
// every alert to the team receiver, retrain alerts to the training trigger webhook with the
// bearer token mounted from a Secret. Single replica, clustering off.
import { createHash } from 'node:crypto';
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { IMAGES, imageRef } from '../../core/versions';
import { renderAlertmanagerConfig } from '../../monitoring/alertmanager';
import { platformIdentity, type PlatformChartProps } from './platform-props';
import { platformWorkload, scratch } from './platform-workload';

export interface AlertmanagerChartProps extends PlatformChartProps {
  /** URL of the training trigger's Alertmanager endpoint (TrainingChart.triggerUrl + path). */
  readonly triggerUrl: string;
  /** Secret with key `token`: the trigger's bearer token. */
  readonly triggerTokenSecret: string;
  /** Team notification webhook. @default none (alerts only visible in the UI) */
  readonly teamWebhookUrl?: string;
  /** @default '24h' */
  readonly retrainRepeatInterval?: string;
}

export const ALERTMANAGER_PORT = 9093;
const SECRET_DIR = '/etc/alertmanager/secrets';

export class AlertmanagerChart extends Chart {
  /** `host:port` of Alertmanager inside the cluster (Prometheus's alerting target). */
  public readonly address: string;

  constructor(scope: Construct, id: string, props: AlertmanagerChartProps) {
    const image = props.image ?? IMAGES.alertmanager;
    const { identity, labels } = platformIdentity(props, 'alertmanager', 'monitoring', image);
    super(scope, id, { namespace: props.namespace, labels, disableResourceNameHashes: true });
    const name = identity.instance;
    const config = renderAlertmanagerConfig({
      triggerUrl: props.triggerUrl,
      triggerTokenFile: `${SECRET_DIR}/token`,
      teamWebhookUrl: props.teamWebhookUrl,
      retrainRepeatInterval: props.retrainRepeatInterval,
    });
    new k8s.KubeConfigMap(this, 'config', {
      metadata: { name: `${name}-config` },
      data: { 'alertmanager.yml': config },
    });
    this.address = platformWorkload(this, {
      identity,
      namespace: props.namespace,
      labels,
      uid: 65534,
      image: imageRef('alertmanager', image, props.environment),
      args: [
        '--config.file=/etc/alertmanager/alertmanager.yml',
        '--storage.path=/alertmanager',
        `--web.listen-address=:${ALERTMANAGER_PORT}`,
        // One replica: no gossip peers to find.
        '--cluster.listen-address=',
      ],
      ports: [{ name: 'http', port: ALERTMANAGER_PORT }],
      volumeMounts: [
        {
          name: 'config',
          mountPath: '/etc/alertmanager/alertmanager.yml',
          subPath: 'alertmanager.yml',
          readOnly: true,
        },
        { name: 'trigger-token', mountPath: SECRET_DIR, readOnly: true },
        { name: 'data', mountPath: '/alertmanager' },
        { name: 'tmp', mountPath: '/tmp' },
      ],
      volumes: [
        { name: 'config', configMap: { name: `${name}-config` } },
        { name: 'trigger-token', secret: { secretName: props.triggerTokenSecret } },
        scratch('data', 256),
        scratch('tmp', 64),
      ],
      podAnnotations: {
        'mlops-stack.io/config-sha256': createHash('sha256').update(config).digest('hex'),
      },
      healthPath: { ready: '/-/ready', live: '/-/healthy' },
      resources: {
        cpuRequestMillis: 20,
        cpuLimitMillis: 200,
        memoryRequestMiB: 64,
        memoryLimitMiB: 128,
      },
    });
  }
}
