// Builds a platform stack (local, existing cluster, or AWS): cluster, namespaces, secrets,
// registry, object store, monitoring and the workloads. Importable, so tests run it under mocks.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { AppSecrets } from './components/app-secrets';
import { Cluster } from './components/cluster';
import { Monitoring } from './components/monitoring';
import { ObjectStore } from './components/object-store';
import { PlatformNamespace } from './components/platform-namespace';
import { Registry } from './components/registry';
import { WorkloadIdentity } from './components/workload-identity';
import type { PlatformStackConfig, StackSecrets } from './config';
import { stackMetadata } from './labels';
import { platformSecretSpecs, SECRET_NAMES, workloadSecretSpecs } from './secret-specs';
import type { StackCharts, StorageWiring } from './stack-charts';
import { deployWorkloads } from './workloads-wiring';
import { LocalVolumes } from './components/local-volumes';

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

/** ServiceAccounts of the serving and training charts (names fixed by the charts). */
export const WORKLOAD_SERVICE_ACCOUNTS = ['serving', 'training', 'training-trigger'];

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
  const k8sCommon = { provider, labels: meta.labels };
  // The local cluster has no storage provisioner: a pool of volumes, ready before any claim.
  // Namespaces depend on it, so destroy deletes them (and their claims) before the volumes.
  const localVolumes =
    c.kind === 'local' ? new LocalVolumes('local-volumes', k8sCommon) : undefined;
  const afterVolumes = { dependsOn: localVolumes ? [localVolumes] : [] };
  const systemName = `${config.namespace}-system`;
  const workloadNs = new PlatformNamespace(config.namespace, {
    ...k8sCommon,
    ...afterVolumes,
    name: config.namespace,
  });
  const systemNs = new PlatformNamespace(systemName, {
    ...k8sCommon,
    ...afterVolumes,
    name: systemName,
  });
  const s = config.storage;
  const systemSecrets = new AppSecrets('system-secrets', {
    ...k8sCommon,
    namespace: systemNs.name,
    secrets: platformSecretSpecs(secrets, s.kind === 'minio'),
    dependsOn: [systemNs],
  });
  const inSystem = {
    ...k8sCommon,
    namespace: systemNs.name,
    dependsOn: [systemNs, systemSecrets],
  };
  const platformInputs = {
    environment: config.environment,
    namespace: systemName,
    workloadNamespace: config.namespace,
    images: config.images,
    labels: meta.labels,
  };

  const r = config.registry;
  const registryChart = r.kind === 'in-cluster' ? deps.charts.registry(platformInputs) : undefined;
  const registry = new Registry('registry', {
    kind: r.kind,
    ...(r.kind === 'ecr'
      ? { awsProvider: requireAws(), ...r, tags: meta.tags }
      : { ...inSystem, chart: registryChart?.chart, inClusterUrl: registryChart?.url }),
  });

  const minio =
    s.kind === 'minio'
      ? deps.charts.minio({
          ...platformInputs,
          bucket: s.bucket,
          sizeGi: s.sizeGi,
          rootCredentialsSecret: SECRET_NAMES.minioRoot,
          appCredentialsSecret: SECRET_NAMES.storage,
        })
      : undefined;
  const store = new ObjectStore('storage', {
    ...(s.kind === 's3'
      ? { awsProvider: requireAws(), ...s, tags: meta.tags }
      : { ...inSystem, ...s, chart: minio?.chart, inClusterEndpoint: minio?.endpoint }),
  });

  const appSecrets = new AppSecrets('app-secrets', {
    ...k8sCommon,
    namespace: workloadNs.name,
    secrets: workloadSecretSpecs(secrets),
    dependsOn: [workloadNs],
  });
  const storage: StorageWiring = {
    bucket: s.bucket,
    prefix: '',
    endpoint: minio?.endpoint ?? '',
    region: config.aws?.region ?? 'us-east-1',
    credentialsSecret: secrets.storage ? SECRET_NAMES.storage : undefined,
  };
  // On EKS with S3 the workloads assume an IAM role through IRSA instead of holding keys.
  const eks = cluster.eks;
  const identity =
    eks && s.kind === 's3'
      ? new WorkloadIdentity('workload-identity', {
          provider: requireAws(),
          oidcProviderArn: eks.oidcProvider.arn,
          oidcIssuerUrl: eks.oidcProvider.url,
          namespace: config.namespace,
          serviceAccounts: WORKLOAD_SERVICE_ACCOUNTS,
          bucketArn: pulumi.interpolate`arn:aws:s3:::${store.bucket}`,
          tags: meta.tags,
        })
      : undefined;
  const workloads = deployWorkloads({
    config,
    namespace: config.namespace,
    charts: deps.charts,
    storage,
    provider,
    dependsOn: [workloadNs, appSecrets, store],
    substitutions: {
      registryUrl: registry.url,
      ...(identity ? { workloadRoleArn: identity.roleArn } : {}),
    },
    serviceAccountAnnotations: identity
      ? { 'eks.amazonaws.com/role-arn': '{{mlops:workloadRoleArn}}' }
      : undefined,
    monitoringNamespace: config.monitoring.enabled ? systemName : undefined,
    triggerTokenSecret: secrets.triggerToken ? SECRET_NAMES.trigger : undefined,
  });

  let grafanaUrl: pulumi.Output<string> = pulumi.output('');
  if (config.monitoring.enabled) {
    const trigger = workloads.triggerUrl
      ? { url: workloads.triggerUrl, tokenSecret: SECRET_NAMES.trigger }
      : undefined;
    const m = deps.charts.monitoring({
      ...platformInputs,
      grafanaSecret: SECRET_NAMES.grafana,
      trigger,
    });
    grafanaUrl = new Monitoring('monitoring', {
      ...inSystem,
      charts: m.charts,
      grafanaUrl: m.grafanaUrl,
    }).grafanaUrl;
  }

  return {
    serviceUrl: workloads.component.serviceUrl,
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
