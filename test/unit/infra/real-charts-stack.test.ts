// The local and prod stacks with the project's real charts, under Pulumi mocks: every chart
// renders through the cluster provider, the stack passes the policy pack's Kubernetes rules, and
// prod serving is digest-pinned with a PodDisruptionBudget.
import { installMocks, ofType, settle, valueOf, type Recorded } from './fixtures/mocks';

jest.setTimeout(60_000);

const recorded: Recorded[] = installMocks('local');

async function build(stack: 'local' | 'prod'): Promise<Recorded[]> {
  const before = recorded.length;
  const { parseStackConfig } = await import('../../../infra/config');
  const { buildPlatformStack } = await import('../../../infra/platform-stack');
  const { chartFactories } = await import('../../../infra/chart-factories');
  const { localRaw, eksRaw, context, testSecrets } = await import('./fixtures/configs');
  const config = parseStackConfig(stack === 'local' ? localRaw : eksRaw, context(stack));
  if (config.mode !== 'platform') throw new Error('expected a platform stack');
  const outputs = buildPlatformStack(config, testSecrets(stack === 'local'), {
    charts: chartFactories,
    readKubeconfig: () => 'apiVersion: v1\nkind: Config\n',
  });
  await valueOf(outputs.serviceUrl);
  await settle(recorded);
  return recorded.slice(before);
}

describe('stacks with the real charts', () => {
  let local: Recorded[];
  beforeAll(async () => {
    local = await build('local');
  });

  it('renders every chart object through the cluster provider', () => {
    const objects = local.filter((r) => r.type.startsWith('kubernetes:'));
    const kinds = new Set(objects.map((r) => r.type.split(':')[2]));
    for (const kind of [
      'Deployment',
      'StatefulSet',
      'Service',
      'NetworkPolicy',
      'CronJob',
      'ConfigMap',
    ]) {
      expect(kinds).toContain(kind);
    }
    for (const r of objects) expect(r.provider).toMatch(/\$pulumi:providers:kubernetes::cluster::/);
    process.stdout.write(
      `local stack under mocks: ${local.length} resources (${objects.length} Kubernetes objects)\n`,
    );
  });

  it('passes the non-root-with-limits policy for every workload', async () => {
    const { nonRootWithLimitsProblems } =
      await import('../../../infra/policy/rules/non-root-limits');
    const { podSpecOf } = await import('../../../infra/policy/k8s-objects');
    const problems = local.flatMap((r) => {
      const spec = podSpecOf(r.type, r.inputs);
      return spec ? nonRootWithLimitsProblems(spec).map((p) => `${r.name}: ${p}`) : [];
    });
    expect(problems).toEqual([]);
  });

  it('pins prod images by digest and protects prod serving with a PDB', async () => {
    const prod = await build('prod');
    const { imageProblem } = await import('../../../infra/policy/rules/pinned-images');
    const { podSpecOf, containersOf } = await import('../../../infra/policy/k8s-objects');
    const { servingWithoutPdb } = await import('../../../infra/policy/rules/prod-serving-pdb');
    const images = prod.flatMap((r) => {
      const spec = podSpecOf(r.type, r.inputs);
      return spec ? containersOf(spec).map((c) => c.image ?? '') : [];
    });
    expect(images.length).toBeGreaterThan(0);
    expect(images.map(imageProblem).filter(Boolean)).toEqual([]);
    expect(ofType(prod, 'kubernetes:policy/v1:PodDisruptionBudget').length).toBeGreaterThan(0);
    expect(servingWithoutPdb(prod.map((r) => ({ type: r.type, props: r.inputs })))).toEqual([]);
    const accounts = ofType(prod, 'kubernetes:core/v1:ServiceAccount').filter(
      (sa) => sa.inputs.metadata.namespace === 'mlops',
    );
    expect(accounts.length).toBeGreaterThan(0);
    for (const sa of accounts) {
      expect(sa.inputs.metadata.annotations['eks.amazonaws.com/role-arn']).toBe(
        'arn:aws:iam::123456789012:role/workload-identity',
      );
    }
  });
});
