// S3Bucket: a private, encrypted, versioned bucket for models, datasets and run metadata, with
// lifecycle rules (old versions, abandoned uploads, expired PR-preview prefixes) and TLS-only access.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

/** Prefix under which ephemeral pr-<n> stacks keep their data (expired by a lifecycle rule). */
export const PREVIEW_PREFIX = 'previews/';

export interface S3BucketArgs {
  /** AWS provider (region, credentials); never the ambient default provider. */
  readonly provider: aws.Provider;
  /** Globally unique bucket name. */
  readonly bucket: string;
  /** KMS key for SSE-KMS. @default SSE-S3 (AES256) */
  readonly kmsKeyArn?: string;
  /** Days before noncurrent object versions are deleted. @default 30 */
  readonly noncurrentVersionExpirationDays?: number;
  /** Days before objects under previews/ are deleted. @default 7 */
  readonly previewExpirationDays?: number;
  /** Tags for every AWS resource. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

export class S3Bucket extends pulumi.ComponentResource {
  public readonly bucket: aws.s3.Bucket;
  public readonly name: pulumi.Output<string>;

  constructor(name: string, args: S3BucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super('mlops-stack:aws:S3Bucket', name, {}, opts);
    const child = { parent: this, provider: args.provider };
    this.bucket = new aws.s3.Bucket(name, { bucket: args.bucket, tags: { ...args.tags } }, child);
    this.name = this.bucket.bucket;
    const bucket = this.bucket.id;
    const after = { ...child, dependsOn: [this.bucket] };
    new aws.s3.BucketOwnershipControls(
      `${name}-ownership`,
      { bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } },
      after,
    );
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      {
        bucket,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      after,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket,
        rules: [
          {
            applyServerSideEncryptionByDefault: args.kmsKeyArn
              ? { sseAlgorithm: 'aws:kms', kmsMasterKeyId: args.kmsKeyArn }
              : { sseAlgorithm: 'AES256' },
            bucketKeyEnabled: args.kmsKeyArn !== undefined,
          },
        ],
      },
      after,
    );
    const versioning = new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { bucket, versioningConfiguration: { status: 'Enabled' } },
      after,
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      {
        bucket,
        rules: lifecycleRules(
          args.noncurrentVersionExpirationDays ?? 30,
          args.previewExpirationDays ?? 7,
        ),
      },
      { ...child, dependsOn: [versioning] },
    );
    new aws.s3.BucketPolicy(
      `${name}-tls-only`,
      { bucket, policy: this.bucket.arn.apply(denyInsecureTransportPolicy) },
      // A bucket policy is only accepted once the public access block is in place.
      { ...child, dependsOn: [publicAccess] },
    );
    this.registerOutputs({ name: this.name, arn: this.bucket.arn });
  }
}

/** Pure: lifecycle rules — old versions, abandoned multipart uploads, expired PR previews. */
export function lifecycleRules(
  noncurrentDays: number,
  previewDays: number,
): aws.types.input.s3.BucketLifecycleConfigurationRule[] {
  return [
    {
      id: 'expire-noncurrent-versions',
      status: 'Enabled',
      filter: { prefix: '' },
      noncurrentVersionExpiration: { noncurrentDays: noncurrentDays },
      expiration: { expiredObjectDeleteMarker: true },
    },
    {
      id: 'abort-incomplete-uploads',
      status: 'Enabled',
      filter: { prefix: '' },
      abortIncompleteMultipartUpload: { daysAfterInitiation: 2 },
    },
    {
      id: 'expire-pr-previews',
      status: 'Enabled',
      filter: { prefix: PREVIEW_PREFIX },
      expiration: { days: previewDays },
    },
  ];
}

/** Pure: a bucket policy refusing any request not made over TLS. */
export function denyInsecureTransportPolicy(bucketArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });
}
