// ObjectStore: the bucket holding models, datasets and run metadata — in-cluster MinIO (rendered
// from the platform chart) or an S3 bucket (private, encrypted, versioned, lifecycle rules).
import type { PlatformServiceArgs } from './platform-service-args';
import * as pulumi from '@pulumi/pulumi';
import { CdkChartResource } from './cdk-chart-resource';
import { S3Bucket } from './s3-bucket';

export interface ObjectStoreArgs extends PlatformServiceArgs {
  /** minio: in-cluster MinIO chart; s3: an AWS S3 bucket. */
  readonly kind: 'minio' | 's3';
  /** Bucket name. */
  readonly bucket: string;
  /** S3 API endpoint inside the cluster, e.g. http://minio.mlops.svc:9000 (minio only). */
  readonly inClusterEndpoint?: string;
  /** KMS key for SSE-KMS (s3 only). @default SSE-S3 */
  readonly kmsKeyArn?: string;
  /** Days before noncurrent versions expire (s3 only). @default 30 */
  readonly noncurrentVersionExpirationDays?: number;
  /** Days before previews/ objects expire (s3 only). @default 7 */
  readonly previewExpirationDays?: number;
  /** AWS tags (s3 only). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

export class ObjectStore extends pulumi.ComponentResource {
  public readonly bucket: pulumi.Output<string>;
  /** S3 endpoint override for MinIO; empty string for AWS S3 (the SDK default). */
  public readonly endpoint: pulumi.Output<string>;

  constructor(name: string, args: ObjectStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super('mlops-stack:storage:ObjectStore', name, {}, opts);
    if (args.kind === 's3') {
      if (!args.awsProvider) throw new Error(`ObjectStore ${name}: kind s3 needs an AWS provider`);
      const s3 = new S3Bucket(
        name,
        {
          provider: args.awsProvider,
          bucket: args.bucket,
          kmsKeyArn: args.kmsKeyArn,
          noncurrentVersionExpirationDays: args.noncurrentVersionExpirationDays,
          previewExpirationDays: args.previewExpirationDays,
          tags: args.tags,
        },
        { parent: this },
      );
      this.bucket = s3.name;
      this.endpoint = pulumi.output('');
    } else {
      if (!args.chart || !args.provider || !args.inClusterEndpoint) {
        throw new Error(
          `ObjectStore ${name}: kind minio needs a chart, a provider and its endpoint`,
        );
      }
      new CdkChartResource(
        name,
        {
          chart: args.chart,
          provider: args.provider,
          namespace: args.namespace,
          labels: args.labels,
          dependsOn: args.dependsOn,
        },
        { parent: this },
      );
      this.bucket = pulumi.output(args.bucket);
      this.endpoint = pulumi.output(args.inClusterEndpoint);
    }
    this.registerOutputs({ bucket: this.bucket, endpoint: this.endpoint });
  }
}
