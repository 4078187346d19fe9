// loadStackConfig: reads Pulumi config once, JSON objects included, and secrets as secrets.
import * as pulumi from '@pulumi/pulumi';
import { installMocks } from './fixtures/mocks';

installMocks('local', {
  'mlops-stack:environment': 'local',
  'mlops-stack:cluster': JSON.stringify({ kind: 'existing', kubeconfigPath: '/etc/kube/config' }),
  'mlops-stack:serving': JSON.stringify({ image: 'serving:1' }),
  'mlops-stack:training': JSON.stringify({ image: 'training:1', enabled: false }),
  'mlops-stack:monitoring': JSON.stringify({ enabled: false }),
  'mlops-stack:adminToken': 'token-value',
  'mlops-stack:storageAccessKey': 'access',
  'mlops-stack:storageSecretKey': 'secret',
  'mlops-stack:minioRootPassword': 'root-password',
});

describe('loadStackConfig', () => {
  it('parses the stack config once and returns secrets as secret Outputs', async () => {
    const { loadStackConfig } = await import('../../../infra/config');
    const first = loadStackConfig();
    expect(loadStackConfig()).toBe(first);
    expect(first.config.mode).toBe('platform');
    if (first.config.mode !== 'platform') return;
    expect(first.config.cluster).toEqual({ kind: 'existing', kubeconfigPath: '/etc/kube/config' });
    expect(first.config.training.enabled).toBe(false);
    expect(await pulumi.isSecret(first.secrets.adminToken)).toBe(true);
    expect(first.secrets.storage).toBeDefined();
    expect(first.secrets.grafanaAdminPassword).toBeUndefined();
  });
});
