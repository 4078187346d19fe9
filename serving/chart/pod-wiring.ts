// The serving pod's wiring: environment (from the contract's names), volumes (writable scratch and
// model cache, read-only model config and API secret) and the optional Ingress.
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { CONTAINER_PATHS, ENV, SERVING_GRPC_PORT, SERVING_PORT } from '../../core/contract';
import type { ServingChartProps } from './props';

export function servingEnv(props: ServingChartProps): Record<string, kplus.EnvValue> {
  const s = props.storage;
  const plain: Record<string, string> = {
    ...props.tunables,
    [ENV.port]: String(SERVING_PORT),
    [ENV.grpcPort]: String(SERVING_GRPC_PORT),
    [ENV.registryUri]: s.registryUri,
    [ENV.modelConfig]: CONTAINER_PATHS.modelConfig,
    [ENV.modelCacheDir]: CONTAINER_PATHS.modelCache,
    [ENV.importDefaultModel]: String(props.importDefaultModel ?? false),
    [ENV.s3Region]: s.s3Region ?? 'us-east-1',
  };
  if (s.s3Endpoint) {
    plain[ENV.s3Endpoint] = s.s3Endpoint;
    plain[ENV.s3ForcePathStyle] = 'true';
  }
  if (props.apiSecret) {
    plain[`${ENV.adminToken}_FILE`] = `${CONTAINER_PATHS.secrets}/admin-token`;
    plain[`${ENV.apiKeys}_FILE`] = `${CONTAINER_PATHS.secrets}/api-keys`;
  }
  return Object.fromEntries(
    Object.entries(plain).map(([k, v]) => [k, kplus.EnvValue.fromValue(v)]),
  );
}

export function mountServingVolumes(
  scope: Construct,
  props: ServingChartProps,
  container: kplus.Container,
  configMap: kplus.ConfigMap,
): void {
  const tmp = kplus.Volume.fromEmptyDir(scope, 'tmp', 'tmp', { sizeLimit: Size.mebibytes(256) });
  const cache = kplus.Volume.fromEmptyDir(scope, 'model-cache', 'model-cache', {
    sizeLimit: Size.mebibytes(props.modelCacheMiB ?? 1024),
  });
  container.mount(CONTAINER_PATHS.tmp, tmp);
  container.mount(CONTAINER_PATHS.modelCache, cache);
  const models = kplus.Volume.fromConfigMap(scope, 'models', configMap, { name: 'model-config' });
  container.mount(CONTAINER_PATHS.modelConfig, models, {
    subPath: 'models.yaml',
    readOnly: true,
  });
  if (props.apiSecret) {
    const secret = kplus.Secret.fromSecretName(scope, 'api-secret', props.apiSecret);
    const vol = kplus.Volume.fromSecret(scope, 'api-secret-volume', secret, {
      name: 'api-secret',
    });
    container.mount(CONTAINER_PATHS.secrets, vol, { readOnly: true });
  }
}

export function servingIngress(
  scope: Construct,
  name: string,
  ing: NonNullable<ServingChartProps['ingress']>,
): void {
  new k8s.KubeIngress(scope, 'ingress', {
    metadata: { name },
    spec: {
      ingressClassName: ing.className,
      tls: ing.tlsSecret ? [{ hosts: [ing.host], secretName: ing.tlsSecret }] : undefined,
      rules: [
        {
          host: ing.host,
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name, port: { name: 'http' } } },
              },
            ],
          },
        },
      ],
    },
  });
}
