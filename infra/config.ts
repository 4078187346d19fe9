// Stack config, read once: the only module of infra/ that touches pulumi.Config. The plain keys
// are parsed by the pure `parseStackConfig` into a frozen StackConfig (errors name the bad key);
// secrets stay Pulumi secrets (Outputs) and are read here too, only those the stack needs.
import * as path from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { GeneratedSecret } from './components/generated-secret';
import { z } from 'zod';
import {
  CONFIG_KEYS,
  isDigestPinned,
  platformSchema,
  previewStackSchema,
  type ConfigKey,
} from './config-schema';

type PlatformFields = z.output<typeof platformSchema>;
type PreviewFields = z.output<typeof previewStackSchema>;
export type Environment = PlatformFields['environment'];
export type ClusterConfig = PlatformFields['cluster'];
export type RegistryConfig = PlatformFields['registry'];
export type StorageConfig = PlatformFields['storage'];
export type ServingConfig = PlatformFields['serving'];
export type TrainingConfig = PlatformFields['training'];

interface StackIdentity {
  readonly project: string;
  readonly stack: string;
}

/** A platform stack (local, dev, staging, prod): owns its cluster, registry and storage. */
export type PlatformStackConfig = StackIdentity &
  Readonly<PlatformFields> & { readonly mode: 'platform' };

/** An ephemeral pr-<n> stack: reuses a platform stack, owns a namespace and the workloads. */
export type PreviewStackConfig = StackIdentity &
  Readonly<PreviewFields> & { readonly mode: 'preview'; readonly namespace: string };

export type StackConfig = PlatformStackConfig | PreviewStackConfig;

export interface ParseContext extends StackIdentity {
  /** Absolute repository root; relative kubeconfig paths are resolved against it. */
  readonly repoRoot: string;
  /** Clock used for the expiry check of ephemeral stacks. */
  readonly now: Date;
}

/** Thrown for invalid stack config; every line names the offending key. */
export class StackConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid stack config:\n  ${problems.join('\n  ')}`);
    this.name = 'StackConfigError';
  }
}

/** Pure: validates raw config values (strings or parsed objects) into a frozen StackConfig. */
export function parseStackConfig(
  raw: Readonly<Partial<Record<ConfigKey, unknown>>>,
  ctx: ParseContext,
): StackConfig {
  // Pulumi.yaml declares optional object keys with an empty default: treat `{}` as unset.
  raw = Object.fromEntries(Object.entries(raw).filter(([, v]) => !isEmptyObject(v)));
  const key = (p: readonly PropertyKey[]) => `${ctx.project}:${p.map(String).join('.')}`;
  const prNumberInName = /^pr-(\d+)$/.exec(ctx.stack)?.[1];
  const problems: string[] = [];
  if (raw.preview === undefined && prNumberInName !== undefined) {
    problems.push(`${key(['preview'])} is required: stack ${ctx.stack} is named as ephemeral`);
  }
  const schema = raw.preview === undefined ? platformSchema : previewStackSchema;
  const result = schema.safeParse(raw);
  if (!result.success) {
    problems.push(...result.error.issues.map((i) => `${key(i.path)} ${describeIssue(i)}`));
    throw new StackConfigError(problems);
  }
  const data = result.data;
  const pinned = (p: string[], image: string) => {
    if ((data.environment === 'staging' || data.environment === 'prod') && !isDigestPinned(image)) {
      problems.push(`${key(p)} must be pinned by digest (…@sha256:…) in ${data.environment}`);
    }
  };
  pinned(['serving', 'image'], data.serving.image);
  pinned(['training', 'image'], data.training.image);
  if (data.environment === 'prod' && data.serving.model.version === undefined) {
    problems.push(`${key(['serving', 'model', 'version'])} is required in prod (pin the model)`);
  }
  if ('preview' in data) {
    const { prNumber, expiresAt } = data.preview;
    if (prNumberInName !== undefined && Number(prNumberInName) !== prNumber) {
      problems.push(`${key(['preview', 'prNumber'])} is ${prNumber} but the stack is ${ctx.stack}`);
    }
    if (Date.parse(expiresAt) <= ctx.now.getTime()) {
      problems.push(`${key(['preview', 'expiresAt'])} ${expiresAt} has passed; extend it or reap`);
    }
    if (problems.length > 0) throw new StackConfigError(problems);
    const namespace = `pr-${prNumber}`;
    return deepFreeze({
      project: ctx.project,
      stack: ctx.stack,
      ...data,
      mode: 'preview',
      namespace,
    });
  }
  const usesAws =
    data.cluster.kind === 'eks' || data.registry.kind === 'ecr' || data.storage.kind === 's3';
  if (usesAws && data.aws === undefined) {
    problems.push(
      `${key(['aws', 'region'])} is required when the cluster, registry or storage is on AWS`,
    );
  }
  if (problems.length > 0) throw new StackConfigError(problems);
  const cluster =
    data.cluster.kind === 'eks'
      ? data.cluster
      : {
          ...data.cluster,
          kubeconfigPath: path.resolve(ctx.repoRoot, data.cluster.kubeconfigPath),
        };
  return deepFreeze({ project: ctx.project, stack: ctx.stack, ...data, cluster, mode: 'platform' });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.join('|')}`;
  if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)) {
    return `must be one of ${issue.options.join('|')}`;
  }
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
    return 'is required';
  }
  return issue.message.replace(/^Invalid input: /, '').toLowerCase();
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The secrets a stack may need (`pulumi config set --secret mlops-stack:<key>`). */
export const SECRET_KEYS = [
  'adminToken',
  'triggerToken',
  'storageAccessKey',
  'storageSecretKey',
  'minioRootPassword',
  'grafanaAdminPassword',
] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];

/** The secrets a stack with this config needs (apiKeys is optional everywhere). */
export function neededSecrets(config: StackConfig): SecretKey[] {
  const platform = config.mode === 'platform' ? config : undefined;
  const minio = platform?.storage.kind === 'minio';
  const storageKeys = minio || (platform !== undefined && platform.cluster.kind !== 'eks');
  return SECRET_KEYS.filter((key) => {
    switch (key) {
      case 'adminToken':
        return true;
      case 'triggerToken':
        return config.training.enabled;
      case 'storageAccessKey':
      case 'storageSecretKey':
        return storageKeys;
      case 'minioRootPassword':
        return minio;
      case 'grafanaAdminPassword':
        return platform?.monitoring.enabled ?? false;
    }
  });
}

/** The local and ephemeral pr-<n> stacks generate the secrets their config does not set. */
export const generatesSecrets = (config: StackConfig): boolean =>
  config.environment === 'local' || config.mode === 'preview';

/** Secrets from `pulumi config set --secret`: never plain values, only the ones needed. */
export interface StackSecrets {
  /** Admin token of the serving admin endpoints. */
  readonly adminToken: pulumi.Output<string>;
  readonly apiKeys?: pulumi.Output<string>;
  /** Bearer token of the training trigger webhook (when training is enabled). */
  readonly triggerToken?: pulumi.Output<string>;
  /** Object-store credentials of the workloads (MinIO app user, or static S3 keys off EKS). */
  readonly storage?: {
    readonly accessKey: pulumi.Output<string>;
    readonly secretKey: pulumi.Output<string>;
  };
  /** Password of MinIO's root user (in-cluster MinIO only). */
  readonly minioRootPassword?: pulumi.Output<string>;
  readonly grafanaAdminPassword?: pulumi.Output<string>;
}

export interface LoadedConfig {
  readonly config: StackConfig;
  readonly secrets: StackSecrets;
}

let loaded: LoadedConfig | undefined;

/** Reads the current stack's config once (memoized) and validates it. */
export function loadStackConfig(): LoadedConfig {
  if (loaded !== undefined) return loaded;
  const bag = new pulumi.Config();
  const raw: Partial<Record<ConfigKey, unknown>> = {};
  for (const k of CONFIG_KEYS) {
    const value = bag.get(k);
    if (value !== undefined) raw[k] = /^\s*[[{]/.test(value) ? JSON.parse(value) : value;
  }
  const config = parseStackConfig(raw, {
    project: pulumi.getProject(),
    stack: pulumi.getStack(),
    repoRoot: path.resolve(__dirname, '..'),
    now: new Date(),
  });
  const need = new Set(neededSecrets(config));
  const optional = (key: string) =>
    bag.get(key) === undefined ? undefined : bag.requireSecret(key);
  // The local and ephemeral stacks generate what their config lacks (kept in the stack's
  // state); shared stacks require every secret (`mlops stack secrets <stack>` lists them).
  const generates = generatesSecrets(config);
  const required = (key: SecretKey) =>
    generates && bag.get(key) === undefined
      ? new GeneratedSecret(`generated-${key}`).value
      : bag.requireSecret(key);
  const ifNeeded = (key: SecretKey) => (need.has(key) ? required(key) : undefined);
  const secrets: StackSecrets = Object.freeze({
    adminToken: required('adminToken'),
    apiKeys: optional('apiKeys'),
    triggerToken: ifNeeded('triggerToken'),
    storage: need.has('storageAccessKey')
      ? { accessKey: required('storageAccessKey'), secretKey: required('storageSecretKey') }
      : undefined,
    minioRootPassword: ifNeeded('minioRootPassword'),
    grafanaAdminPassword: ifNeeded('grafanaAdminPassword'),
  });
  loaded = Object.freeze({ config, secrets });
  return loaded;
}
