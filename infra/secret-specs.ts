// Which Kubernetes Secrets a stack creates, under the names and keys the charts mount: the one
// place that maps Pulumi secrets onto the charts' secret contracts. Pure.
import type * as pulumi from '@pulumi/pulumi';
import type { SecretSpecs } from './components/app-secrets';
import type { StackSecrets } from './config';

export const SECRET_NAMES = {
  /** AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY of the workloads' object-store user. */
  storage: 'storage-credentials',
  /** MINIO_ROOT_USER / MINIO_ROOT_PASSWORD of the MinIO server. */
  minioRoot: 'minio-root',
  /** admin-token / api-keys of the serving API. */
  api: 'serving-api',
  /** token of the training trigger webhook (Alertmanager and the CLI call it). */
  trigger: 'training-trigger-token',
  /** admin-password of Grafana. */
  grafana: 'grafana-admin',
} as const;

/** User name of MinIO's root account (its password is a secret). */
export const MINIO_ROOT_USER = 'mlops-admin';

type Storage = NonNullable<StackSecrets['storage']>;

const storageKeys = (s: Storage) => ({
  AWS_ACCESS_KEY_ID: s.accessKey,
  AWS_SECRET_ACCESS_KEY: s.secretKey,
});

/** Secrets of the workload namespace: API tokens, trigger token, storage credentials. */
export function workloadSecretSpecs(secrets: StackSecrets): SecretSpecs {
  const specs: Record<string, Record<string, pulumi.Input<string>>> = {
    [SECRET_NAMES.api]: { 'admin-token': secrets.adminToken, 'api-keys': secrets.apiKeys ?? '' },
  };
  if (secrets.triggerToken) specs[SECRET_NAMES.trigger] = { token: secrets.triggerToken };
  if (secrets.storage) specs[SECRET_NAMES.storage] = storageKeys(secrets.storage);
  return specs;
}

/** Secrets of the platform namespace: MinIO root and app users, Grafana admin, trigger token. */
export function platformSecretSpecs(secrets: StackSecrets, minio: boolean): SecretSpecs {
  const specs: Record<string, Record<string, pulumi.Input<string>>> = {};
  // Alertmanager calls the training trigger with this token.
  if (secrets.triggerToken) specs[SECRET_NAMES.trigger] = { token: secrets.triggerToken };
  if (minio && secrets.storage && secrets.minioRootPassword) {
    specs[SECRET_NAMES.storage] = storageKeys(secrets.storage);
    specs[SECRET_NAMES.minioRoot] = {
      MINIO_ROOT_USER: MINIO_ROOT_USER,
      MINIO_ROOT_PASSWORD: secrets.minioRootPassword,
    };
  }
  if (secrets.grafanaAdminPassword) {
    specs[SECRET_NAMES.grafana] = { 'admin-password': secrets.grafanaAdminPassword };
  }
  return specs;
}
