// The Pulumi entry point under mocks: reads the stack config, builds the stack from the real
// charts and exports every documented output (kubeconfig as a secret).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { installMocks, settle, valueOf } from './fixtures/mocks';

jest.setTimeout(60_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-entry-'));
const kubeconfig = path.join(dir, 'kubeconfig');
fs.writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\n');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const recorded = installMocks('onprem', {
  'mlops-stack:environment': 'dev',
  'mlops-stack:cluster': JSON.stringify({ kind: 'existing', kubeconfigPath: kubeconfig }),
  'mlops-stack:serving': JSON.stringify({ image: '{{mlops:registryUrl}}/serving:1.0' }),
  'mlops-stack:training': JSON.stringify({ image: '{{mlops:registryUrl}}/training:1.0' }),
  'mlops-stack:adminToken': 'admin',
  'mlops-stack:triggerToken': 'trigger',
  'mlops-stack:storageAccessKey': 'access',
  'mlops-stack:storageSecretKey': 'secret',
  'mlops-stack:minioRootPassword': 'root',
  'mlops-stack:grafanaAdminPassword': 'grafana',
});

describe('infra/index.ts', () => {
  it('exports the stack outputs', async () => {
    const entry = await import('../../../infra/index');
    expect(await valueOf(entry.serviceUrl)).toMatch(/^http:\/\/serving\.mlops\.svc/);
    expect(await valueOf(entry.grafanaUrl)).toMatch(/^http:\/\/grafana\./);
    expect(await valueOf(entry.registryUrl)).not.toBe('');
    expect(await valueOf(entry.bucket)).toBe('mlops');
    expect(await valueOf(entry.kubeconfig)).toContain('kind: Config');
    expect(await pulumi.isSecret(entry.kubeconfig)).toBe(true);
    await settle(recorded);
    const serving = recorded.find(
      (r) => r.type === 'kubernetes:apps/v1:Deployment' && r.inputs.metadata.name === 'serving',
    )!;
    const registryUrl = await valueOf(entry.registryUrl);
    expect(serving.inputs.spec.template.spec.containers[0].image).toBe(
      `${registryUrl}/serving:1.0`,
    );
  });
});
