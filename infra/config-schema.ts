// The zod schemas of the stack config (keys under `mlops-stack:` in Pulumi.<stack>.yaml).
// Pure: no Pulumi import, so the schemas are unit-tested directly. Pulumi.yaml declares the same
// keys with descriptions; defaults live here, once.
import { z } from 'zod';
import { DEFAULT_MODEL_NAME, LOCAL_DATA_DIR } from '../core/contract';

/** A DNS-1123 label: Kubernetes namespaces and node group names. */
const dnsLabel = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a DNS-1123 label (a-z, 0-9, -)');

/** Pulumi turns YAML scalars into strings; booleans are accepted in both spellings. */
const bool = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());
const count = (min: number) => z.coerce.number().int().min(min);

export const ENVIRONMENTS = ['local', 'dev', 'staging', 'prod'] as const;
export const environmentSchema = z.enum(ENVIRONMENTS);

const kubeconfigCluster = {
  /** Path of the kubeconfig file, relative to the repository root unless absolute. */
  kubeconfigPath: z.string().min(1),
  /** Context to use inside the kubeconfig (default: its current context). */
  context: z.string().min(1).optional(),
};

const nodeGroupSchema = z.object({
  name: dnsLabel,
  instanceTypes: z.array(z.string().min(1)).min(1),
  minSize: count(0),
  maxSize: count(1),
  desiredSize: count(0),
  diskSizeGiB: count(20).default(50),
  capacityType: z.enum(['ON_DEMAND', 'SPOT']).default('ON_DEMAND'),
});

export const clusterSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('local'),
    ...kubeconfigCluster,
    kubeconfigPath: kubeconfigCluster.kubeconfigPath.default(
      `${LOCAL_DATA_DIR}/cluster/kubeconfig`,
    ),
  }),
  z.object({ kind: z.literal('existing'), ...kubeconfigCluster }),
  z.object({
    kind: z.literal('eks'),
    version: z.string().regex(/^1\.\d+$/, 'must be a Kubernetes minor version such as 1.32'),
    subnetIds: z.array(z.string().min(1)).min(2),
    endpointPublicAccess: bool.default(true),
    publicAccessCidrs: z.array(z.string().min(1)).default(['0.0.0.0/0']),
    nodeGroups: z.array(nodeGroupSchema).min(1),
    /** Tainted GPU group that only training pods (with the matching toleration) land on. */
    gpuNodeGroup: z
      .object({
        instanceTypes: z.array(z.string().min(1)).min(1).default(['g5.xlarge']),
        minSize: count(0).default(0),
        maxSize: count(1).default(2),
        desiredSize: count(0).default(0),
        diskSizeGiB: count(20).default(100),
      })
      .optional(),
  }),
]);

export const registrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('in-cluster') }),
  z.object({
    kind: z.literal('ecr'),
    keepLastImages: count(1).default(30),
    untaggedExpiryDays: count(1).default(7),
  }),
]);

export const storageSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('minio'),
    bucket: z.string().min(3).default('mlops'),
    sizeGi: count(1).default(10),
  }),
  z.object({
    kind: z.literal('s3'),
    bucket: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name'),
    noncurrentVersionExpirationDays: count(1).default(30),
    /** Objects under previews/ (ephemeral PR stacks) expire after this many days. */
    previewExpirationDays: count(1).default(7),
    kmsKeyArn: z.string().startsWith('arn:').optional(),
  }),
]);

const digestPinned = /@sha256:[a-f0-9]{64}$/;

export const servingSchema = z.object({
  image: z.string().min(1),
  replicas: count(1).default(1),
  model: z
    .object({
      name: z.string().min(1).default(DEFAULT_MODEL_NAME),
      /** Version pinned for this environment; unset = follow the `production` alias. */
      version: count(1).optional(),
    })
    .default({ name: DEFAULT_MODEL_NAME }),
});

export const trainingSchema = z.object({
  image: z.string().min(1),
  /** Name the trained detector is registered under. */
  model: z.string().min(1).default('custom-detector'),
  enabled: bool.default(true),
  schedule: z.string().min(9).default('0 3 * * *'),
  gpu: bool.default(false),
});

export const previewSchema = z.object({
  /** Fully qualified platform stack, e.g. organization/mlops-stack/dev. */
  platformStack: z.string().regex(/^[^/]+\/[^/]+\/[^/]+$/, 'must be <org>/<project>/<stack>'),
  prNumber: count(1),
  expiresAt: z.iso.datetime(),
});

export const awsSchema = z.object({ region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/) });

export const platformSchema = z.object({
  environment: environmentSchema,
  namespace: dnsLabel.default('mlops'),
  cluster: clusterSchema,
  registry: registrySchema.default({ kind: 'in-cluster' }),
  storage: storageSchema.default({ kind: 'minio', bucket: 'mlops', sizeGi: 10 }),
  monitoring: z.object({ enabled: bool.default(true) }).default({ enabled: true }),
  aws: awsSchema.optional(),
  /** Platform image overrides by name (prometheus, grafana, …): repo:tag[@sha256:…]. */
  images: z.record(z.string(), z.string().min(1)).default({}),
  serving: servingSchema,
  training: trainingSchema,
  tags: z.record(z.string(), z.string()).default({}),
});

export const previewStackSchema = z.object({
  environment: environmentSchema,
  preview: previewSchema,
  serving: servingSchema,
  training: trainingSchema,
  tags: z.record(z.string(), z.string()).default({}),
});

/** Whether an image reference is pinned by digest (repo[:tag]@sha256:<64 hex>). */
export function isDigestPinned(image: string): boolean {
  return digestPinned.test(image);
}

/** The config keys this project reads, in the order errors are reported. */
export const CONFIG_KEYS = [
  'environment',
  'namespace',
  'cluster',
  'registry',
  'storage',
  'monitoring',
  'aws',
  'images',
  'serving',
  'training',
  'preview',
  'tags',
] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];
