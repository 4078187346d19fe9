// Mandatory: every S3 bucket has default encryption and a full public access block, and no
// public canned ACL.
import type { StackValidationPolicy } from '@pulumi/policy';

export interface BucketGraphResource {
  readonly type: string;
  readonly urn: string;
  readonly props: Readonly<Record<string, unknown>>;
  readonly propertyDependencies?: Readonly<Record<string, readonly { readonly urn: string }[]>>;
}

const BUCKET_TYPES = ['aws:s3/bucket:Bucket', 'aws:s3/bucketV2:BucketV2'];
const SSE_TYPE = /^aws:s3\/bucketServerSideEncryptionConfiguration(V2)?:/;
const PAB_TYPE = 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock';
const ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse'];
const BLOCKS = [
  'blockPublicAcls',
  'blockPublicPolicy',
  'ignorePublicAcls',
  'restrictPublicBuckets',
];

interface SseRule {
  readonly applyServerSideEncryptionByDefault?: { readonly sseAlgorithm?: string };
}

/** Pure: one message per bucket problem across the stack's resources. */
export function bucketProblems(resources: readonly BucketGraphResource[]): string[] {
  const problems: string[] = [];
  for (const bucket of resources.filter((r) => BUCKET_TYPES.includes(r.type))) {
    const name = String(bucket.props.bucket ?? bucket.urn.split('::').pop());
    const targets = (r: BucketGraphResource) =>
      (r.propertyDependencies?.bucket ?? []).some((d) => d.urn === bucket.urn) ||
      (bucket.props.bucket !== undefined && r.props.bucket === bucket.props.bucket);
    const acl = bucket.props.acl;
    if (acl === 'public-read' || acl === 'public-read-write') {
      problems.push(`bucket ${name} has the public ACL ${acl}`);
    }
    const encrypted = resources
      .filter((r) => SSE_TYPE.test(r.type) && targets(r))
      .some((r) =>
        ((r.props.rules as readonly SseRule[] | undefined) ?? []).some((rule) =>
          ALGORITHMS.includes(rule.applyServerSideEncryptionByDefault?.sseAlgorithm ?? ''),
        ),
      );
    if (!encrypted) problems.push(`bucket ${name} has no default server-side encryption`);
    const blocked = resources
      .filter((r) => r.type === PAB_TYPE && targets(r))
      .some((r) => BLOCKS.every((b) => r.props[b] === true));
    if (!blocked) problems.push(`bucket ${name} does not block all public access`);
  }
  return problems;
}

export const privateBuckets: StackValidationPolicy = {
  name: 'buckets-encrypted-and-private',
  description: 'S3 buckets are encrypted by default and block all public access.',
  enforcementLevel: 'mandatory',
  validateStack: (args, reportViolation) => {
    for (const problem of bucketProblems(args.resources)) reportViolation(problem);
  },
};
