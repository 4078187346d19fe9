// The mandatory policies, called directly: non-root with limits, pinned images, prod PDB,
// encrypted and private buckets.
import { nonRootWithLimits } from '../../../../infra/policy/rules/non-root-limits';
import { imageProblem, pinnedImages } from '../../../../infra/policy/rules/pinned-images';
import { privateBuckets } from '../../../../infra/policy/rules/private-buckets';
import { prodServingPdb } from '../../../../infra/policy/rules/prod-serving-pdb';
import { deployment, DIGEST, stackViolationsOf, violationsOf } from './fixtures';

const DEPLOYMENT = 'kubernetes:apps/v1:Deployment';

describe('containers-non-root-with-limits', () => {
  it('accepts a non-root container with CPU and memory limits', async () => {
    expect(await violationsOf(nonRootWithLimits, DEPLOYMENT, deployment({}))).toEqual([]);
  });

  it('reports root containers and missing limits', async () => {
    const found = await violationsOf(
      nonRootWithLimits,
      DEPLOYMENT,
      deployment({ runAsNonRoot: false, limits: { cpu: '1' } }),
    );
    expect(found).toEqual([
      'container serving must set runAsNonRoot: true (and not run as uid 0)',
      'container serving must declare a memory limit',
    ]);
  });

  it('checks CronJob pod templates and ignores objects without pods', async () => {
    const cronJob = {
      spec: {
        jobTemplate: {
          spec: { template: { spec: { containers: [{ name: 'train', image: 'x' }] } } },
        },
      },
    };
    expect(
      await violationsOf(nonRootWithLimits, 'kubernetes:batch/v1:CronJob', cronJob),
    ).toHaveLength(3);
    expect(
      await violationsOf(nonRootWithLimits, 'kubernetes:core/v1:Service', { spec: {} }),
    ).toEqual([]);
  });
});

describe('images-pinned-by-digest', () => {
  it('classifies image references', () => {
    expect(imageProblem(`registry:5000/serving@${DIGEST}`)).toBeUndefined();
    expect(imageProblem('registry:5000/serving:1.2.3')).toMatch(/not pinned by digest/);
    expect(imageProblem('serving:latest')).toMatch(/latest tag/);
    expect(imageProblem(`serving:latest@${DIGEST}`)).toMatch(/latest tag/);
  });

  it('rejects undigested images in staging and prod only', async () => {
    const tagged = (environment: string) => deployment({ environment, image: 'serving:1.0' });
    expect(await violationsOf(pinnedImages, DEPLOYMENT, tagged('prod'))).toHaveLength(1);
    expect(await violationsOf(pinnedImages, DEPLOYMENT, tagged('staging'))).toHaveLength(1);
    expect(await violationsOf(pinnedImages, DEPLOYMENT, tagged('dev'))).toEqual([]);
    expect(await violationsOf(pinnedImages, DEPLOYMENT, deployment({}))).toEqual([]);
  });
});

describe('prod-serving-has-pdb', () => {
  const pdb = (matchLabels: Record<string, string>, namespace = 'mlops') => ({
    type: 'kubernetes:policy/v1:PodDisruptionBudget',
    props: { metadata: { name: 'serving', namespace }, spec: { selector: { matchLabels } } },
  });
  const serving = { type: DEPLOYMENT, props: deployment({}) };

  it('accepts a prod serving Deployment covered by a PDB', async () => {
    const found = await stackViolationsOf(prodServingPdb, [
      serving,
      pdb({ 'app.kubernetes.io/name': 'serving' }),
    ]);
    expect(found).toEqual([]);
  });

  it('reports a prod serving Deployment without a matching PDB', async () => {
    expect(await stackViolationsOf(prodServingPdb, [serving])).toEqual([
      'serving Deployment mlops/serving has no PodDisruptionBudget selecting its pods',
    ]);
    expect(await stackViolationsOf(prodServingPdb, [serving, pdb({ app: 'other' })])).toHaveLength(
      1,
    );
    expect(
      await stackViolationsOf(prodServingPdb, [
        serving,
        pdb({ 'app.kubernetes.io/name': 'serving' }, 'x'),
      ]),
    ).toHaveLength(1);
  });

  it('does not require a PDB outside prod', async () => {
    const dev = { type: DEPLOYMENT, props: deployment({ environment: 'dev' }) };
    expect(await stackViolationsOf(prodServingPdb, [dev])).toEqual([]);
  });
});

describe('buckets-encrypted-and-private', () => {
  const bucket = { type: 'aws:s3/bucket:Bucket', urn: 'urn:b', props: { bucket: 'models' } };
  const dependsOnBucket = { bucket: [{ urn: 'urn:b' }] };
  const sse = {
    type: 'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
    urn: 'urn:sse',
    props: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] },
    propertyDependencies: dependsOnBucket,
  };
  const block = (restrictPublicBuckets: boolean) => ({
    type: 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock',
    urn: 'urn:pab',
    props: {
      bucket: 'models',
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets,
    },
    propertyDependencies: {},
  });

  it('accepts an encrypted bucket with a full public access block', async () => {
    expect(await stackViolationsOf(privateBuckets, [bucket, sse, block(true)])).toEqual([]);
  });

  it('reports missing encryption, partial blocks and public ACLs', async () => {
    expect(await stackViolationsOf(privateBuckets, [bucket, block(false)])).toEqual([
      'bucket models has no default server-side encryption',
      'bucket models does not block all public access',
    ]);
    const publicBucket = { ...bucket, props: { bucket: 'models', acl: 'public-read' } };
    expect(await stackViolationsOf(privateBuckets, [publicBucket, sse, block(true)])).toEqual([
      'bucket models has the public ACL public-read',
    ]);
  });
});

describe('the policy pack', () => {
  it('enforces every policy as mandatory, under unique names', async () => {
    const { mlopsPolicies } = await import('../../../../infra/policy/policies');
    const policies = mlopsPolicies(() => {
      throw new Error('not opened in this test');
    });
    expect(policies.map((p) => p.enforcementLevel)).toEqual(policies.map(() => 'mandatory'));
    expect(new Set(policies.map((p) => p.name)).size).toBe(policies.length);
    expect(policies).toHaveLength(5);
  });
});
