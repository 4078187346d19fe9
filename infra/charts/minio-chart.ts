// MinioChart: MinIO as the S3 object store of local and on-prem stacks — a one-node StatefulSet on
// a PVC, plus an init Job (MinIO client) that creates the bucket and an application user whose
// policy reaches that bucket only, so the workloads never hold the root credentials.
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import {
  restrictedContainerSecurity,
  restrictedPodSecurity,
  resources,
} from '../../core/chart-support';
import { IMAGES, imageRef, type ImageVersion } from '../../core/versions';
import { platformIdentity, type PlatformChartProps } from './platform-props';
import { claimTemplate, platformWorkload, scratch } from './platform-workload';
import { bucketInitScript } from './minio-init-script';

export interface MinioChartProps extends PlatformChartProps {
  /** Bucket the workloads use. */
  readonly bucket: string;
  /** Secret with MINIO_ROOT_USER / MINIO_ROOT_PASSWORD (the server's admin). */
  readonly rootCredentialsSecret: string;
  /** Secret with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY: the workloads' user, created by the init Job. */
  readonly appCredentialsSecret: string;
  /** @default 20 */
  readonly storageGi?: number;
  /** @default cluster default */
  readonly storageClassName?: string;
  /** MinIO client image of the init Job. @default IMAGES.minioClient */
  readonly clientImage?: ImageVersion;
}

export const MINIO_API_PORT = 9000;
export const MINIO_CONSOLE_PORT = 9001;
const UID = 1000;

export class MinioChart extends Chart {
  /** S3 endpoint URL inside the cluster. */
  public readonly endpoint: string;

  constructor(scope: Construct, id: string, props: MinioChartProps) {
    const image = props.image ?? IMAGES.minio;
    const { identity, labels } = platformIdentity(props, 'minio', 'object-store', image);
    super(scope, id, { namespace: props.namespace, labels, disableResourceNameHashes: true });
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(props.bucket)) {
      throw new Error(`bucket: "${props.bucket}" is not a valid S3 bucket name`);
    }
    const address = platformWorkload(this, {
      identity,
      namespace: props.namespace,
      labels,
      uid: UID,
      image: imageRef('minio', image, props.environment),
      args: ['server', '/data', '--console-address', `:${MINIO_CONSOLE_PORT}`],
      ports: [
        { name: 'api', port: MINIO_API_PORT },
        { name: 'console', port: MINIO_CONSOLE_PORT },
      ],
      env: [
        // MinIO keeps certs/config under $HOME; point it at the writable scratch volume.
        { name: 'HOME', value: '/tmp' },
        ...['MINIO_ROOT_USER', 'MINIO_ROOT_PASSWORD'].map((key) => ({
          name: key,
          valueFrom: { secretKeyRef: { name: props.rootCredentialsSecret, key } },
        })),
      ],
      volumeMounts: [
        { name: 'data', mountPath: '/data' },
        { name: 'tmp', mountPath: '/tmp' },
      ],
      volumes: [scratch('tmp', 64)],
      volumeClaimTemplates: [claimTemplate('data', props.storageGi ?? 20, props.storageClassName)],
      healthPath: { ready: '/minio/health/ready', live: '/minio/health/live' },
      resources: {
        cpuRequestMillis: 100,
        cpuLimitMillis: 1000,
        memoryRequestMiB: 256,
        memoryLimitMiB: 1024,
      },
    });
    this.endpoint = `http://${address}`;
    this.initJob(props, identity.instance, labels);
  }

  private initJob(props: MinioChartProps, name: string, labels: Record<string, string>): void {
    const client = props.clientImage ?? IMAGES.minioClient;
    const secretEnv = (secret: string, key: string, as = key): k8s.EnvVar => ({
      name: as,
      valueFrom: { secretKeyRef: { name: secret, key } },
    });
    const jobLabels = { ...labels, 'app.kubernetes.io/component': 'object-store-init' };
    new k8s.KubeJob(this, 'init-job', {
      metadata: { name: `${name}-init`, labels: jobLabels },
      spec: {
        // Idempotent script; retries cover the window before the server is ready.
        backoffLimit: 10,
        activeDeadlineSeconds: 900,
        template: {
          metadata: { labels: jobLabels },
          spec: {
            restartPolicy: 'OnFailure',
            automountServiceAccountToken: false,
            securityContext: restrictedPodSecurity(UID),
            containers: [
              {
                name: 'mc',
                image: imageRef('minioClient', client, props.environment),
                command: ['/bin/sh', '-c', bucketInitScript()],
                env: [
                  { name: 'MC_CONFIG_DIR', value: '/tmp/.mc' },
                  { name: 'MINIO_ENDPOINT', value: this.endpoint },
                  { name: 'BUCKET', value: props.bucket },
                  secretEnv(props.rootCredentialsSecret, 'MINIO_ROOT_USER'),
                  secretEnv(props.rootCredentialsSecret, 'MINIO_ROOT_PASSWORD'),
                  secretEnv(props.appCredentialsSecret, 'AWS_ACCESS_KEY_ID', 'APP_ACCESS_KEY'),
                  secretEnv(props.appCredentialsSecret, 'AWS_SECRET_ACCESS_KEY', 'APP_SECRET_KEY'),
                ],
                resources: resources({
                  cpuRequestMillis: 20,
                  cpuLimitMillis: 200,
                  memoryRequestMiB: 32,
                  memoryLimitMiB: 128,
                }),
                securityContext: restrictedContainerSecurity(UID),
                volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
              },
            ],
            volumes: [scratch('tmp', 16)],
          },
        },
      },
    });
  }
}
