// Builds a platform stack (local, existing cluster, or AWS): cluster, namespaces, secrets,
// registry, object store, monitoring and the workloads. Importable, so tests run it under mocks.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { AppSecrets, SECRET_NAMES } from './components/app-secrets';
import { Cluster } from './components/cluster';
import { Monitoring } from './components/monitoring';
import { ObjectStore } from './components/object-store';
import { PlatformNamespace } from './components/platform-namespace';
import { Registry } from './components/registry';
import type { PlatformStackConfig, StackSecrets } from './config';
import { stackMetadata } from './labels';
import type { StackCharts, StorageWiring } from './stack-charts';
import { deployWorkloads } from './workloads-wiring';

export interface StackOutputs {
  readonly serviceUrl: pulumi.Output<string>;
  readonly grafanaUrl: pulumi.Output<string>;
  readonly registryUrl: pulumi.Output<string>;
  readonly bucket: pulumi.Output<string>;
  readonly storageEndpoint: pulumi.Output<string>;
  readonly storagePrefix: pulumi.Output<string>;
  readonly storageRegion: pulumi.Output<string>;
  readonly namespace: pulumi.Output<string>;
  /** Secret. */
  readonly kubeconfig: pulumi.Output<string>;
  /** Secrets, for the ephemeral stacks that share this platform's object store. */
  readonly storageAccessKey: pulumi.Output<string>;
  readonly storageSecretKey: pulumi.Output<string>;
}

export interface PlatformDeps {
  readonly charts: StackCharts;
  /** Reads a kubeconfig file (local/existing clusters). */
  readonly readKubeconfig: (path: string) => string;
}

export function buildPlatformStack(
  config: PlatformStackConfig,
  secrets: StackSecrets,
  deps: PlatformDeps,
): StackOutputs {
  const meta = stackMetadata(config);
  const awsProvider = config.aws
    ? new aws.Provider('aws', { region: config.aws.region, defaultTags: { tags: meta.tags } })
    : undefined;
  const requireAws = (): aws.Provider => {
    // parseStackConfig already requires aws.region whenever an AWS resource is configured.
    if (!awsProvider) throw new Error(`${config.project}:aws.region is required on AWS`);
    return awsProvider;
  };
  const c = config.cluster;
  const cluster = new Cluster('cluster', {
    kind: c.kind,
    ...(c.kind === 'eks'
      ? { eks: { ...c, provider: requireAws(), tags: meta.tags } }
      : { kubeconfig: deps.readKubeconfig(c.kubeconfigPath), context: c.context }),
  });
  const provider = cluster.provider;
  const systemName = `${config.namespace}-system`;
  const workloadNs = new PlatformNamespace(config.namespace, {
    name: config.namespace,
    provider,
    labels: meta.labels,
  });
  const systemNs = new PlatformNamespace(systemName, {
    name: systemName,
    provider,
    labels: meta.labels,
  });
  const platformInputs = {
    namespace: systemName,
    workloadNamespace: config.namespace,
    labels: meta.labels,
  };
  const minio = config.storage.kind === 'minio';
  const systemSecrets = new AppSecrets('system-secrets', {
    provider,
    namespace: systemNs.name,
    storage: minio ? secrets.storage : undefined,
    grafanaAdminPassword: secrets.grafanaAdminPassword,
    labels: meta.labels,
    dependsOn: [systemNs],
  });
  const afterSystem = [systemNs, systemSecrets];

  const registryChart =
    config.registry.kind === 'in-cluster' ? deps.charts.registry(platformInputs) : undefined;
  const registry = new Registry('registry', {
    kind: config.registry.kind,
    ...(config.registry.kind === 'ecr'
      ? {
          awsProvider: requireAws(),
          keepLastImages: config.registry.keepLastImages,
          untaggedExpiryDays: config.registry.untaggedExpiryDays,
          tags: meta.tags,
        }
      : {
          chart: registryChart?.chart,
          inClusterUrl: registryChart?.url,
          provider,
          namespace: systemNs.name,
          labels: meta.labels,
          dependsOn: afterSystem,
        }),
  });

  const s = config.storage;
  const minioChart =
    s.kind === 'minio'
      ? deps.charts.minio({
          ...platformInputs,
          bucket: s.bucket,
          sizeGi: s.sizeGi,
          credentialsSecret: SECRET_NAMES.storage,
        })
      : undefined;
  const store = new ObjectStore('storage', {
    kind: s.kind,
    bucket: s.bucket,
    ...(s.kind === 's3'
      ? {
          awsProvider: requireAws(),
          kmsKeyArn: s.kmsKeyArn,
          noncurrentVersionExpirationDays: s.noncurrentVersionExpirationDays,
          previewExpirationDays: s.previewExpirationDays,
          tags: meta.tags,
        }
      : {
          chart: minioChart?.chart,
          inClusterEndpoint: minioChart?.endpoint,
          provider,
          namespace: systemNs.name,
          labels: meta.labels,
          dependsOn: afterSystem,
        }),
  });

  let grafanaUrl: pulumi.Output<string> = pulumi.output('');
  if (config.monitoring.enabled) {
    const m = deps.charts.monitoring({ ...platformInputs, grafanaSecret: SECRET_NAMES.grafana });
    const monitoring = new Monitoring('monitoring', {
      charts: m.charts,
      provider,
      namespace: systemNs.name,
      grafanaUrl: m.grafanaUrl,
      labels: meta.labels,
      dependsOn: afterSystem,
    });
    grafanaUrl = monitoring.grafanaUrl;
  }

  const appSecrets = new AppSecrets('app-secrets', {
    provider,
    namespace: workloadNs.name,
    adminToken: secrets.adminToken,
    apiKeys: secrets.apiKeys,
    storage: secrets.storage,
    labels: meta.labels,
    dependsOn: [workloadNs],
  });
  const storage: StorageWiring = {
    bucket: s.bucket,
    prefix: '',
    endpoint: minioChart?.endpoint ?? '',
    region: config.aws?.region ?? 'us-east-1',
    credentialsSecret: secrets.storage ? SECRET_NAMES.storage : undefined,
  };
  const workloads = deployWorkloads({
    config,
    namespace: config.namespace,
    charts: deps.charts,
    storage,
    provider,
    dependsOn: [workloadNs, appSecrets, store],
    substitutions: { registryUrl: registry.url },
  });
  return {
    serviceUrl: workloads.serviceUrl,
    grafanaUrl,
    registryUrl: registry.url,
    bucket: store.bucket,
    storageEndpoint: store.endpoint,
    storagePrefix: pulumi.output(''),
    storageRegion: pulumi.output(storage.region),
    namespace: workloadNs.name,
    kubeconfig: cluster.kubeconfig,
    storageAccessKey: pulumi.secret(secrets.storage?.accessKey ?? pulumi.output('')),
    storageSecretKey: pulumi.secret(secrets.storage?.secretKey ?? pulumi.output('')),
  };
}
