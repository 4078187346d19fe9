// The AWS (prod) platform stack under Pulumi mocks: EKS with managed and GPU node groups and IRSA,
// ECR with immutable tags, scanning and lifecycle, S3 private/encrypted/versioned with lifecycle.
import { installMocks, ofType, settle, valueOf, type Recorded } from './fixtures/mocks';

jest.setTimeout(30_000);

const recorded: Recorded[] = installMocks('prod');
const one = (type: string) => {
  const found = ofType(recorded, type);
  expect(found).toHaveLength(1);
  return found[0];
};

beforeAll(async () => {
  const { parseStackConfig } = await import('../../../infra/config');
  const { buildPlatformStack } = await import('../../../infra/platform-stack');
  const { stubCharts } = await import('./fixtures/stub-charts');
  const { eksRaw, context, testSecrets } = await import('./fixtures/configs');
  const config = parseStackConfig(eksRaw, context('prod'));
  if (config.mode !== 'platform') throw new Error('expected a platform stack');
  const outputs = buildPlatformStack(config, testSecrets(false), {
    charts: stubCharts,
    readKubeconfig: () => {
      throw new Error('an EKS stack must not read a kubeconfig file');
    },
  });
  await valueOf(outputs.registryUrl);
  await valueOf(outputs.kubeconfig);
  await settle(recorded);
});

describe('AWS stack', () => {
  it('uses one explicit AWS provider with the stack tags as default tags', () => {
    const provider = one('pulumi:providers:aws');
    expect(provider.inputs.region).toBe('eu-west-1');
    expect(JSON.parse(provider.inputs.defaultTags).tags).toMatchObject({
      'mlops-stack.io/environment': 'prod',
      'mlops-stack.io/stack': 'prod',
    });
    for (const r of recorded.filter((x) => x.type.startsWith('aws:'))) {
      expect(r.provider).toMatch(/::pulumi:providers:aws::aws::/);
    }
  });

  it('creates an EKS cluster with encrypted secrets and audit logs', () => {
    const cluster = one('aws:eks/cluster:Cluster');
    expect(cluster.inputs.version).toBe('1.32');
    expect(cluster.inputs.vpcConfig.subnetIds).toEqual(['subnet-a', 'subnet-b']);
    expect(cluster.inputs.encryptionConfig.resources).toEqual(['secrets']);
    expect(cluster.inputs.enabledClusterLogTypes).toContain('audit');
  });

  it('creates the managed node groups and a tainted GPU group for training', () => {
    const groups = ofType(recorded, 'aws:eks/nodeGroup:NodeGroup');
    expect(groups.map((g) => g.name).sort()).toEqual(['cluster-general', 'cluster-gpu']);
    const general = groups.find((g) => g.name === 'cluster-general')!;
    expect(general.inputs.scalingConfig).toEqual({ minSize: 2, maxSize: 6, desiredSize: 3 });
    expect(general.inputs.instanceTypes).toEqual(['m6i.large']);
    expect(general.inputs.taints).toEqual([]);
    const gpu = groups.find((g) => g.name === 'cluster-gpu')!;
    expect(gpu.inputs.amiType).toBe('AL2023_x86_64_NVIDIA');
    expect(gpu.inputs.taints).toEqual([
      { key: 'nvidia.com/gpu', value: 'true', effect: 'NO_SCHEDULE' },
    ]);
    expect(gpu.inputs.labels).toEqual({ 'mlops-stack.io/node-group': 'gpu' });
  });

  it('registers the cluster OIDC issuer for IRSA', () => {
    const oidc = one('aws:iam/openIdConnectProvider:OpenIdConnectProvider');
    expect(oidc.inputs.url).toBe('https://oidc.eks.example/id/cluster');
    expect(oidc.inputs.clientIdLists).toEqual(['sts.amazonaws.com']);
  });

  it('lets the workload ServiceAccounts assume a bucket-scoped role through IRSA', () => {
    const role = ofType(recorded, 'aws:iam/role:Role').find((r) => r.name === 'workload-identity')!;
    const trust = JSON.parse(role.inputs.assumeRolePolicy).Statement[0];
    expect(trust.Principal.Federated).toMatch(/oidc/);
    expect(trust.Condition.StringEquals['oidc.eks.example/id/cluster:sub']).toEqual([
      'system:serviceaccount:mlops:serving',
      'system:serviceaccount:mlops:training',
      'system:serviceaccount:mlops:training-trigger',
    ]);
    const policy = JSON.parse(one('aws:iam/rolePolicy:RolePolicy').inputs.policy);
    expect(policy.Statement[1].Resource).toEqual(['arn:aws:s3:::mlops-stack-prod-models/*']);
  });

  it('creates immutable, scanned ECR repositories with a lifecycle policy', () => {
    const repos = ofType(recorded, 'aws:ecr/repository:Repository');
    expect(repos.map((r) => r.inputs.name).sort()).toEqual([
      'mlops-stack/serving',
      'mlops-stack/training',
    ]);
    for (const repo of repos) {
      expect(repo.inputs.imageTagMutability).toBe('IMMUTABLE');
      expect(repo.inputs.imageScanningConfiguration).toEqual({ scanOnPush: true });
    }
    const policies = ofType(recorded, 'aws:ecr/lifecyclePolicy:LifecyclePolicy');
    expect(policies).toHaveLength(2);
    const rules = JSON.parse(policies[0].inputs.policy).rules;
    expect(rules.map((r: { selection: { tagStatus: string } }) => r.selection.tagStatus)).toEqual([
      'untagged',
      'any',
    ]);
  });

  it('creates a private, encrypted, versioned S3 bucket with lifecycle rules', () => {
    expect(one('aws:s3/bucket:Bucket').inputs.bucket).toBe('mlops-stack-prod-models');
    expect(one('aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock').inputs).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const sse = one(
      'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
    );
    expect(sse.inputs.rules[0].applyServerSideEncryptionByDefault).toEqual({
      sseAlgorithm: 'AES256',
    });
    expect(one('aws:s3/bucketVersioning:BucketVersioning').inputs.versioningConfiguration).toEqual({
      status: 'Enabled',
    });
    const lifecycle = one('aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration');
    const previews = lifecycle.inputs.rules.find(
      (r: { id: string }) => r.id === 'expire-pr-previews',
    );
    expect(previews).toMatchObject({ filter: { prefix: 'previews/' }, expiration: { days: 7 } });
    const policy = JSON.parse(one('aws:s3/bucketPolicy:BucketPolicy').inputs.policy);
    expect(policy.Statement[0].Condition).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
  });

  it('deploys the digest-pinned workloads with the pinned model version, no static keys', () => {
    const serving = ofType(recorded, 'kubernetes:apps/v1:Deployment').find(
      (d) => d.inputs.metadata.name === 'serving',
    )!;
    expect(serving.inputs.spec.template.spec.containers[0].image).toMatch(/@sha256:[a-f0-9]{64}$/);
    expect(serving.inputs.metadata.annotations['mlops-stack.io/model-version']).toBe('4');
    expect(serving.provider).toMatch(/\$pulumi:providers:kubernetes::cluster::/);
    const secrets = ofType(recorded, 'kubernetes:core/v1:Secret').map(
      (s) => s.inputs.metadata.name,
    );
    expect(secrets).not.toContain('storage-credentials');
    expect(secrets).not.toContain('minio-root');
    expect(
      ofType(recorded, 'kubernetes:core/v1:Service').map((s) => s.inputs.metadata.name),
    ).not.toContain('minio');
  });
});
