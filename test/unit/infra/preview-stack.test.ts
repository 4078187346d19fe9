// An ephemeral pr-<n> stack under Pulumi mocks: reuses the platform through a StackReference,
// creates only a namespace, Secrets and workloads, all labelled with the PR and expiry, and every
// object depends on the namespace (so destroy deletes the namespace last).
import * as pulumi from '@pulumi/pulumi';
import { installMocks, ofType, settle, valueOf, type Recorded } from './fixtures/mocks';

jest.setTimeout(30_000);

const recorded: Recorded[] = installMocks('pr-42');
let outputs: import('../../../infra/platform-stack').StackOutputs;

beforeAll(async () => {
  const { parseStackConfig } = await import('../../../infra/config');
  const { buildPreviewStack } = await import('../../../infra/preview-stack');
  const { stubCharts } = await import('./fixtures/stub-charts');
  const { previewRaw, context, testSecrets } = await import('./fixtures/configs');
  const config = parseStackConfig(previewRaw, context('pr-42'));
  if (config.mode !== 'preview') throw new Error('expected a preview stack');
  outputs = buildPreviewStack(config, testSecrets(false), { charts: stubCharts });
  await valueOf(outputs.serviceUrl);
  await settle(recorded);
});

const EXPIRES = String(Date.parse('2030-01-01T00:00:00Z') / 1000);
const k8sObjects = () => recorded.filter((r) => r.type.startsWith('kubernetes:'));

describe('ephemeral pr-42 stack', () => {
  it('references the platform stack instead of creating a cluster, registry or bucket', () => {
    const [ref] = ofType(recorded, 'pulumi:pulumi:StackReference');
    expect(ref.inputs.name).toBe('organization/mlops-stack/local');
    expect(recorded.some((r) => r.type.startsWith('aws:'))).toBe(false);
    expect(ofType(recorded, 'mlops-stack:cluster:Cluster')).toHaveLength(0);
    expect(ofType(recorded, 'kubernetes:core/v1:Namespace')).toHaveLength(1);
  });

  it('talks to the platform cluster through an explicit provider', () => {
    const [provider] = ofType(recorded, 'pulumi:providers:kubernetes');
    expect(provider.name).toBe('platform-cluster');
    expect(provider.inputs.kubeconfig.value).toBe('apiVersion: v1\nkind: Config\n');
    for (const r of k8sObjects())
      expect(r.provider).toMatch(/pulumi:providers:kubernetes::platform-cluster::/);
  });

  it('labels every object with the PR number and expiry', () => {
    expect(k8sObjects().length).toBeGreaterThanOrEqual(5);
    for (const r of k8sObjects()) {
      expect(r.inputs.metadata.labels).toMatchObject({
        'mlops-stack.io/pr': '42',
        'mlops-stack.io/expires': EXPIRES,
      });
    }
    const [ns] = ofType(recorded, 'kubernetes:core/v1:Namespace');
    expect(ns.inputs.metadata.name).toBe('pr-42');
    expect(ns.inputs.metadata.annotations).toEqual({
      'mlops-stack.io/expires-at': '2030-01-01T00:00:00Z',
    });
    expect(ns.inputs.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  it('resolves platform values into the workloads and uses its own storage prefix', async () => {
    const deployments = ofType(recorded, 'kubernetes:apps/v1:Deployment');
    expect(deployments.map((d) => d.inputs.metadata.name)).toEqual(['serving']);
    const container = deployments[0].inputs.spec.template.spec.containers[0];
    expect(container.image).toBe('registry.mlops-system.svc:5000/mlops-stack/serving:pr-42');
    expect(container.env).toEqual([{ name: 'BUCKET', value: 'mlops/previews/pr-42/' }]);
    expect(await valueOf(outputs.storagePrefix)).toBe('previews/pr-42/');
    expect(await valueOf(outputs.bucket)).toBe('mlops');
    expect(await valueOf(outputs.grafanaUrl)).toBe('http://grafana.mlops-system.svc:3000');
    expect(await pulumi.isSecret(outputs.kubeconfig)).toBe(true);
  });

  it('makes every object depend on the namespace, so the namespace is deleted last', () => {
    const [ns] = ofType(recorded, 'kubernetes:core/v1:Namespace');
    const nsUrn = `urn:pulumi:pr-42::mlops-stack::mlops-stack:k8s:PlatformNamespace$kubernetes:core/v1:Namespace::pr-42`;
    expect(ns.name).toBe('pr-42');
    for (const r of k8sObjects().filter((x) => x !== ns)) {
      expect({ name: r.name, dependsOnNamespace: r.dependencies.includes(nsUrn) }).toEqual({
        name: r.name,
        dependsOnNamespace: true,
      });
    }
  });
});
