// WorkloadIdentity: an IAM role the workloads' ServiceAccounts assume through the cluster's OIDC
// provider (IRSA), allowed to read and write the stack's bucket — no static keys on EKS.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface WorkloadIdentityArgs {
  /** AWS provider (region, credentials); never the ambient default provider. */
  readonly provider: aws.Provider;
  /** ARN of the cluster's IAM OIDC provider. */
  readonly oidcProviderArn: pulumi.Input<string>;
  /** Issuer URL of the cluster (https://oidc.eks.<region>.amazonaws.com/id/…). */
  readonly oidcIssuerUrl: pulumi.Input<string>;
  /** Namespace of the ServiceAccounts. */
  readonly namespace: string;
  /** ServiceAccounts allowed to assume the role. */
  readonly serviceAccounts: readonly string[];
  /** ARN of the bucket the workloads use. */
  readonly bucketArn: pulumi.Input<string>;
  /** Tags for the role. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

export class WorkloadIdentity extends pulumi.ComponentResource {
  public readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: WorkloadIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super('mlops-stack:aws:WorkloadIdentity', name, {}, opts);
    const child = { parent: this, provider: args.provider };
    const role = new aws.iam.Role(
      name,
      {
        assumeRolePolicy: pulumi
          .all([args.oidcProviderArn, args.oidcIssuerUrl])
          .apply(([arn, issuer]) =>
            irsaTrustPolicy(arn, issuer, args.namespace, args.serviceAccounts),
          ),
        tags: { ...args.tags },
      },
      child,
    );
    new aws.iam.RolePolicy(
      `${name}-bucket`,
      { role: role.id, policy: pulumi.output(args.bucketArn).apply(bucketAccessPolicy) },
      child,
    );
    this.roleArn = role.arn;
    this.registerOutputs({ roleArn: this.roleArn });
  }
}

/** Pure: a trust policy letting exactly these ServiceAccounts assume the role via OIDC. */
export function irsaTrustPolicy(
  oidcProviderArn: string,
  issuerUrl: string,
  namespace: string,
  serviceAccounts: readonly string[],
): string {
  const issuer = issuerUrl.replace(/^https:\/\//, '');
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: oidcProviderArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${issuer}:aud`]: 'sts.amazonaws.com',
            [`${issuer}:sub`]: serviceAccounts.map(
              (sa) => `system:serviceaccount:${namespace}:${sa}`,
            ),
          },
        },
      },
    ],
  });
}

/** Pure: read/write access to one bucket's objects (and listing it), nothing else. */
export function bucketAccessPolicy(bucketArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [bucketArn] },
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        Resource: [`${bucketArn}/*`],
      },
    ],
  });
}
