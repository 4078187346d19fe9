// Arguments shared by platform services that run either in the cluster (from a cdk8s chart) or
// as an AWS managed service (Registry: distribution | ECR; ObjectStore: MinIO | S3).
import type * as aws from '@pulumi/aws';
import type * as k8s from '@pulumi/kubernetes';
import type * as pulumi from '@pulumi/pulumi';
import type { Chart } from 'cdk8s';

export interface PlatformServiceArgs {
  /** The service's chart (in-cluster kind only). */
  readonly chart?: Chart;
  /** Provider of the target cluster (in-cluster kind only). */
  readonly provider?: k8s.Provider;
  /** Namespace of the service's objects (in-cluster kind only). */
  readonly namespace?: pulumi.Input<string>;
  /** Resources the objects wait for, e.g. a credentials Secret (in-cluster kind only). @default [] */
  readonly dependsOn?: readonly pulumi.Resource[];
  /** Labels on every Kubernetes object. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** AWS provider (AWS kind only). */
  readonly awsProvider?: aws.Provider;
}
