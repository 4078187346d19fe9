// The local platform stack under Pulumi mocks: explicit provider everywhere, restricted namespaces
// with default-deny policies, secrets from Pulumi secrets, in-cluster registry/MinIO/monitoring.
import * as pulumi from '@pulumi/pulumi';
import {
  installMocks,
  isSecretValue,
  ofType,
  settle,
  valueOf,
  type Recorded,
} from './fixtures/mocks';

jest.setTimeout(30_000);

const recorded: Recorded[] = installMocks('local');

let outputs: import('../../../infra/platform-stack').StackOutputs;

beforeAll(async () => {
  const { parseStackConfig } = await import('../../../infra/config');
  const { buildPlatformStack } = await import('../../../infra/platform-stack');
  const { stubCharts } = await import('./fixtures/stub-charts');
  const { localRaw, context, testSecrets } = await import('./fixtures/configs');
  const config = parseStackConfig(localRaw, context('local'));
  if (config.mode !== 'platform') throw new Error('expected a platform stack');
  outputs = buildPlatformStack(config, testSecrets(), {
    charts: stubCharts,
    readKubeconfig: (path) => `# kubeconfig read from ${path}`,
  });
  await valueOf(outputs.serviceUrl);
  await settle(recorded);
});

const k8sObjects = () =>
  recorded.filter((r) => r.type.startsWith('kubernetes:') && !r.type.startsWith('pulumi:'));

describe('local stack', () => {
  it('creates every Kubernetes object through the cluster component’s provider', () => {
    expect(k8sObjects().length).toBeGreaterThan(10);
    for (const r of k8sObjects()) {
      expect(r.provider).toMatch(/\$pulumi:providers:kubernetes::cluster::/);
    }
    const [provider] = ofType(recorded, 'pulumi:providers:kubernetes');
    expect(isSecretValue(provider.inputs.kubeconfig)).toBe(true);
    expect(provider.inputs.kubeconfig.value).toContain('/repo/.data/cluster/kubeconfig');
    expect(provider.inputs.deleteUnreachable).toBe('true');
  });

  it('labels the namespaces to enforce the restricted Pod Security Standard', () => {
    const namespaces = ofType(recorded, 'kubernetes:core/v1:Namespace');
    expect(namespaces.map((n) => n.inputs.metadata.name).sort()).toEqual(['mlops', 'mlops-system']);
    for (const ns of namespaces) {
      expect(ns.inputs.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
      expect(ns.inputs.metadata.labels['mlops-stack.io/environment']).toBe('local');
    }
  });

  it('denies all ingress and egress by default in each namespace', () => {
    const denies = ofType(recorded, 'kubernetes:networking.k8s.io/v1:NetworkPolicy').filter(
      (p) => p.inputs.metadata.name === 'default-deny',
    );
    expect(denies.map((d) => d.inputs.metadata.namespace).sort()).toEqual([
      'mlops',
      'mlops-system',
    ]);
    for (const d of denies) {
      expect(d.inputs.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    }
  });

  it('builds the Secrets from Pulumi secrets', () => {
    const secrets = ofType(recorded, 'kubernetes:core/v1:Secret');
    const names = secrets.map((s) => `${s.inputs.metadata.namespace}/${s.inputs.metadata.name}`);
    expect(names.sort()).toEqual([
      'mlops-system/grafana-admin',
      'mlops-system/minio-root',
      'mlops-system/storage-credentials',
      'mlops-system/training-trigger-token',
      'mlops/serving-api',
      'mlops/storage-credentials',
      'mlops/training-trigger-token',
    ]);
    const api = secrets.find((s) => s.inputs.metadata.name === 'serving-api')!;
    expect(isSecretValue(api.inputs.stringData)).toBe(true);
    expect(api.inputs.stringData.value).toEqual({ 'admin-token': 'admin-token', 'api-keys': '' });
  });

  it('renders the platform and workload charts with stack labels', () => {
    const deployments = ofType(recorded, 'kubernetes:apps/v1:Deployment');
    expect(deployments.map((d) => d.inputs.metadata.name).sort()).toEqual(['serving', 'training']);
    const serving = deployments.find((d) => d.inputs.metadata.name === 'serving')!;
    expect(serving.inputs.metadata.labels['mlops-stack.io/stack']).toBe('local');
    expect(serving.inputs.metadata.annotations['mlops-stack.io/model-version']).toBe('production');
    const services = ofType(recorded, 'kubernetes:core/v1:Service').map(
      (s) => s.inputs.metadata.name,
    );
    expect(services.sort()).toEqual(['alertmanager', 'grafana', 'minio', 'prometheus', 'registry']);
  });

  it('exports the URLs, the bucket and the kubeconfig as a secret', async () => {
    expect(await valueOf(outputs.serviceUrl)).toBe('http://serving.mlops.svc:8080');
    expect(await valueOf(outputs.grafanaUrl)).toBe('http://grafana.mlops-system.svc:3000');
    expect(await valueOf(outputs.registryUrl)).toBe('registry.mlops-system.svc:5000');
    expect(await valueOf(outputs.bucket)).toBe('mlops');
    expect(await pulumi.isSecret(outputs.kubeconfig)).toBe(true);
  });

  it('gives every resource a unique type and name', () => {
    expect(recorded.length).toBe(new Set(recorded.map((r) => `${r.type}::${r.name}`)).size);
  });
});
