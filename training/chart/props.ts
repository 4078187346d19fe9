// Props of the TrainingChart and their defaults. Kept apart from the chart so infra and tests can
// import the types without constructing anything.
import type { ImageVersion } from '../../core/versions';

export interface TrainingGpu {
  /** GPUs per training pod (resource `nvidia.com/gpu`). @default 1 */
  readonly count?: number;
  /** Node labels of the GPU node group. @default { 'nvidia.com/gpu.present': 'true' } */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Taints of the GPU nodes to tolerate. @default [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }] */
  readonly tolerations?: readonly {
    readonly key: string;
    readonly operator: 'Exists' | 'Equal';
    readonly value?: string;
    readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  }[];
}

export interface TrainingStorage {
  /** Model registry root (`s3://…` or `file://…`). */
  readonly registryUri: string;
  /** Dataset store root. */
  readonly datasetsUri: string;
  /** Run metadata store root. */
  readonly metadataUri: string;
  /** S3 endpoint override (MinIO). @default AWS S3 */
  readonly s3Endpoint?: string;
  /** @default 'us-east-1' */
  readonly s3Region?: string;
  /** Secret with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. @default none (IRSA / node role) */
  readonly credentialsSecret?: string;
}

export interface TrainingResources {
  /** @default 1000 */
  readonly cpuRequestMillis: number;
  /** @default 2000 */
  readonly cpuLimitMillis: number;
  /** @default 2048 */
  readonly memoryRequestMiB: number;
  /** The demo's budget is 4 GiB. @default 4096 */
  readonly memoryLimitMiB: number;
}

export interface TrainingTrigger {
  /** Deploy the trigger webhook (Alertmanager and CI call it). @default true */
  readonly enabled?: boolean;
  /** Secret with key `token`: the bearer token callers must present. */
  readonly tokenSecret: string;
  /** Command starting the webhook in the training image. @default ['node', 'dist/training/src/trigger/server.js'] */
  readonly command?: readonly string[];
}

export interface TrainingChartProps {
  readonly namespace: string;
  /** Environment name; staging and prod require image digests. */
  readonly environment: string;
  /** Registry name of the model this pipeline trains. */
  readonly model: string;
  /** Dataset the runs train on (latest version). @default the model name */
  readonly dataset?: string;
  /** app.kubernetes.io/instance and the base of object names. @default 'training' */
  readonly instance?: string;
  /** @default IMAGES.training */
  readonly image?: ImageVersion;
  /** Cron schedule of the continuous-training run. @default '0 3 * * *' */
  readonly schedule?: string;
  /** Time zone of the schedule. @default 'Etc/UTC' */
  readonly timeZone?: string;
  /** Suspend the schedule (triggers still work). @default false */
  readonly suspend?: boolean;
  /** Arguments of the image's `mlops` entry point for one run. @default ['train', '--model', model, '--dataset', dataset, '--json'] */
  readonly args?: readonly string[];
  /** Pod retries before the Job fails. @default 1 */
  readonly backoffLimit?: number;
  /** Hard limit of one run. @default 3600 */
  readonly activeDeadlineSeconds?: number;
  /** Finished Jobs are garbage-collected after this. @default 86400 */
  readonly ttlSecondsAfterFinished?: number;
  /** @default 1 CPU request / 2 limit, 2 / 4 GiB */
  readonly resources?: TrainingResources;
  /** Scratch volume size (checkpoints, dataset cache). @default 2048 */
  readonly workMiB?: number;
  /** Schedule on GPU nodes. @default undefined (CPU) */
  readonly gpu?: TrainingGpu;
  readonly storage: TrainingStorage;
  /** The on-demand trigger webhook. @default undefined (no trigger) */
  readonly trigger?: TrainingTrigger;
  /** Namespace of Prometheus/Alertmanager (allowed to reach the trigger). @default the chart's namespace */
  readonly monitoringNamespace?: string;
  /** Egress ports for the object store. @default [443, 9000] */
  readonly storageEgressPorts?: readonly number[];
  /** Port of the Kubernetes API the trigger calls (6443 for kube-apiserver, 443 on EKS). @default [443, 6443] */
  readonly apiServerPorts?: readonly number[];
  /** Extra labels on every object. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

export const TRAINING_DEFAULT_RESOURCES: TrainingResources = Object.freeze({
  cpuRequestMillis: 1000,
  cpuLimitMillis: 2000,
  memoryRequestMiB: 2048,
  memoryLimitMiB: 4096,
});

/** The training image's non-root user (see training/Dockerfile). */
export const TRAINING_UID = 10001;

const CRON_FIELD = /^[\d*,/-]+$/;

/** Checks the props a Kubernetes API server would only reject at apply time. */
export function validateTrainingProps(p: TrainingChartProps): void {
  const schedule = p.schedule ?? '0 3 * * *';
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5 || !fields.every((f) => CRON_FIELD.test(f))) {
    throw new Error(`schedule: "${schedule}" is not a 5-field cron expression`);
  }
  for (const [key, v] of [
    ['model', p.model],
    ['dataset', p.dataset ?? p.model],
  ] as const) {
    if (!/^[a-z0-9][a-z0-9._-]{0,127}$/.test(v)) throw new Error(`${key}: invalid name "${v}"`);
  }
  const positive: [string, number | undefined][] = [
    ['activeDeadlineSeconds', p.activeDeadlineSeconds],
    ['ttlSecondsAfterFinished', p.ttlSecondsAfterFinished],
  ];
  for (const [key, v] of positive) {
    if (v !== undefined && (!Number.isInteger(v) || v <= 0))
      throw new Error(`${key} must be a positive integer`);
  }
  if (p.backoffLimit !== undefined && (!Number.isInteger(p.backoffLimit) || p.backoffLimit < 0)) {
    throw new Error('backoffLimit must be an integer ≥ 0');
  }
}
