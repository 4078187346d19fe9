// Builds an ephemeral pr-<n> stack: it reuses a platform stack's cluster, registry and object
// store through a StackReference and owns only a namespace, its Secrets, the workloads and a
// storage prefix (previews/pr-<n>/, expired by the bucket's lifecycle rule).
//
// Teardown never hangs or orphans:
// - every object depends on the namespace, so `pulumi destroy` deletes the workloads and Secrets
//   first (each delete awaited until the object is gone, the pods with it) and the namespace last,
//   when it is already empty — its `kubernetes` finalizer then completes at once;
// - nothing this stack creates carries a finalizer of its own (no PVCs, no custom resources);
// - the namespace delete has a bounded timeout: a finalizer added by a third party makes destroy
//   fail with a message naming the namespace, never wait forever;
// - the data under the storage prefix outlives the stack only until the lifecycle rule expires it.
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { PREVIEW_PREFIX } from './components/s3-bucket';
import { AppSecrets } from './components/app-secrets';
import { PlatformNamespace } from './components/platform-namespace';
import type { PreviewStackConfig, StackSecrets } from './config';
import { stackMetadata } from './labels';
import { SECRET_NAMES, workloadSecretSpecs } from './secret-specs';
import type { StackOutputs } from './platform-stack';
import type { StackCharts } from './stack-charts';
import { deployWorkloads } from './workloads-wiring';

export interface PreviewDeps {
  readonly charts: StackCharts;
}

/** Pure: the storage prefix of an ephemeral stack. */
export function previewPrefix(prNumber: number): string {
  return `${PREVIEW_PREFIX}pr-${prNumber}/`;
}

export function buildPreviewStack(
  config: PreviewStackConfig,
  secrets: StackSecrets,
  deps: PreviewDeps,
): StackOutputs {
  const meta = stackMetadata(config);
  const platform = new pulumi.StackReference('platform', { name: config.preview.platformStack });
  const text = (key: string) => platform.requireOutput(key).apply((v) => String(v ?? ''));
  const kubeconfig = pulumi.secret(text('kubeconfig'));
  const provider = new k8s.Provider('platform-cluster', { kubeconfig });
  const ns = new PlatformNamespace(config.namespace, {
    name: config.namespace,
    provider,
    labels: meta.labels,
    annotations: meta.annotations,
    deleteTimeout: '5m',
  });
  const appSecrets = new AppSecrets('app-secrets', {
    provider,
    namespace: ns.name,
    secrets: workloadSecretSpecs({
      ...secrets,
      storage: { accessKey: text('storageAccessKey'), secretKey: text('storageSecretKey') },
    }),
    labels: meta.labels,
    dependsOn: [ns],
  });
  const prefix = previewPrefix(config.preview.prNumber);
  const workloads = deployWorkloads({
    config,
    namespace: config.namespace,
    charts: deps.charts,
    storage: {
      bucket: '{{mlops:bucket}}',
      prefix,
      endpoint: '{{mlops:storageEndpoint}}',
      region: '{{mlops:storageRegion}}',
      credentialsSecret: SECRET_NAMES.storage,
    },
    provider,
    dependsOn: [ns, appSecrets],
    triggerTokenSecret: secrets.triggerToken ? SECRET_NAMES.trigger : undefined,
    substitutions: {
      bucket: text('bucket'),
      storageEndpoint: text('storageEndpoint'),
      storageRegion: platform.getOutput('storageRegion').apply((v) => String(v ?? 'us-east-1')),
      registryUrl: text('registryUrl'),
    },
  });
  return {
    serviceUrl: workloads.component.serviceUrl,
    grafanaUrl: text('grafanaUrl'),
    registryUrl: text('registryUrl'),
    bucket: text('bucket'),
    storageEndpoint: text('storageEndpoint'),
    storagePrefix: pulumi.output(prefix),
    storageRegion: platform.getOutput('storageRegion').apply((v) => String(v ?? 'us-east-1')),
    namespace: ns.name,
    kubeconfig,
    storageAccessKey: pulumi.secret(''),
    storageSecretKey: pulumi.secret(''),
  };
}
