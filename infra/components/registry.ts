// Registry: where the stack's images live — the in-cluster CNCF distribution registry (rendered
// from the platform chart) or Amazon ECR.
import type { PlatformServiceArgs } from './platform-service-args';
import * as pulumi from '@pulumi/pulumi';
import { CdkChartResource } from './cdk-chart-resource';
import { EcrRepositories } from './ecr-repositories';

export interface RegistryArgs extends PlatformServiceArgs {
  /** in-cluster: distribution registry chart; ecr: Amazon ECR repositories. */
  readonly kind: 'in-cluster' | 'ecr';
  /** Address nodes pull from, e.g. registry.mlops.svc:5000 (in-cluster only). */
  readonly inClusterUrl?: string;
  /** Repository names (ecr only). @default ['mlops-stack/serving', 'mlops-stack/training'] */
  readonly repositories?: readonly string[];
  /** Tagged images kept per repository (ecr only). @default 30 */
  readonly keepLastImages?: number;
  /** Days before untagged images expire (ecr only). @default 7 */
  readonly untaggedExpiryDays?: number;
  /** AWS tags (ecr only). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

export class Registry extends pulumi.ComponentResource {
  /** Registry host (and port) images are pushed to and pulled from. */
  public readonly url: pulumi.Output<string>;

  constructor(name: string, args: RegistryArgs, opts?: pulumi.ComponentResourceOptions) {
    super('mlops-stack:registry:Registry', name, {}, opts);
    if (args.kind === 'ecr') {
      if (!args.awsProvider) throw new Error(`Registry ${name}: kind ecr needs an AWS provider`);
      const ecr = new EcrRepositories(
        name,
        {
          provider: args.awsProvider,
          repositories: args.repositories ?? ['mlops-stack/serving', 'mlops-stack/training'],
          keepLastImages: args.keepLastImages,
          untaggedExpiryDays: args.untaggedExpiryDays,
          tags: args.tags,
        },
        { parent: this },
      );
      this.url = ecr.registryUrl;
    } else {
      if (!args.chart || !args.provider || !args.inClusterUrl) {
        throw new Error(`Registry ${name}: kind in-cluster needs a chart, a provider and its url`);
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
      this.url = pulumi.output(args.inClusterUrl);
    }
    this.registerOutputs({ url: this.url });
  }
}
