// The training Job's spec, built once and used twice: as the CronJob's jobTemplate and as the
// on-demand template the trigger webhook instantiates. One builder keeps both identical.
import { k8s } from 'cdk8s-plus-28';
import {
  pullPolicy,
  resources as toResources,
  restrictedContainerSecurity,
  restrictedPodSecurity,
} from '../../core/chart-support';
import { CONTAINER_PATHS, ENV } from '../../core/contract';
import { TRAINING_DEFAULT_RESOURCES, TRAINING_UID, type TrainingChartProps } from './props';

export interface JobSpecInputs {
  readonly props: TrainingChartProps;
  readonly image: string;
  readonly podLabels: Record<string, string>;
  readonly serviceAccountName: string;
}

export function trainingJobSpec({
  props,
  image,
  podLabels,
  serviceAccountName,
}: JobSpecInputs): k8s.JobSpec {
  const s = props.storage;
  const env = trainingEnv(props);
  const res = toResources(props.resources ?? TRAINING_DEFAULT_RESOURCES);
  const gpu = props.gpu;
  if (gpu) {
    const n = k8s.Quantity.fromNumber(gpu.count ?? 1);
    res.limits!['nvidia.com/gpu'] = n;
    res.requests!['nvidia.com/gpu'] = n;
  }
  return {
    backoffLimit: props.backoffLimit ?? 1,
    activeDeadlineSeconds: props.activeDeadlineSeconds ?? 3600,
    ttlSecondsAfterFinished: props.ttlSecondsAfterFinished ?? 86400,
    template: {
      metadata: { labels: podLabels },
      spec: {
        restartPolicy: 'Never',
        serviceAccountName,
        // Training talks to object storage only, never to the Kubernetes API.
        automountServiceAccountToken: false,
        securityContext: restrictedPodSecurity(TRAINING_UID),
        nodeSelector: gpu
          ? { ...(gpu.nodeSelector ?? { 'nvidia.com/gpu.present': 'true' }) }
          : undefined,
        tolerations: gpu
          ? (
              gpu.tolerations ?? [
                { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
              ]
            ).map((t) => ({ ...t }))
          : undefined,
        containers: [
          {
            name: 'training',
            image,
            imagePullPolicy: pullPolicy(image),
            args: [
              ...(props.args ?? [
                'train',
                '--model',
                props.model,
                '--dataset',
                props.dataset ?? props.model,
                '--json',
              ]),
            ],
            env,
            envFrom: s.credentialsSecret
              ? [{ secretRef: { name: s.credentialsSecret } }]
              : undefined,
            resources: res,
            securityContext: restrictedContainerSecurity(TRAINING_UID),
            volumeMounts: [
              { name: 'tmp', mountPath: CONTAINER_PATHS.tmp },
              { name: 'work', mountPath: CONTAINER_PATHS.trainingWork },
              { name: 'model-cache', mountPath: CONTAINER_PATHS.modelCache },
            ],
          },
        ],
        volumes: [
          { name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString('256Mi') } },
          {
            name: 'work',
            emptyDir: { sizeLimit: k8s.Quantity.fromString(`${props.workMiB ?? 2048}Mi`) },
          },
          { name: 'model-cache', emptyDir: { sizeLimit: k8s.Quantity.fromString('1024Mi') } },
        ],
      },
    },
  };
}

/** Storage and cache settings every training process (Job or trigger) reads. */
export function trainingEnv(props: TrainingChartProps): k8s.EnvVar[] {
  const s = props.storage;
  return [
    { name: ENV.registryUri, value: s.registryUri },
    { name: ENV.datasetsUri, value: s.datasetsUri },
    { name: ENV.metadataUri, value: s.metadataUri },
    { name: ENV.s3Region, value: s.s3Region ?? 'us-east-1' },
    { name: ENV.modelCacheDir, value: CONTAINER_PATHS.modelCache },
    ...(s.s3Endpoint
      ? [
          { name: ENV.s3Endpoint, value: s.s3Endpoint },
          { name: ENV.s3ForcePathStyle, value: 'true' },
        ]
      : []),
  ];
}
