// EcrRepositories: one ECR repository per image (immutable tags, scan on push, encrypted) with a
// lifecycle policy that expires untagged images and keeps the newest tagged ones.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface EcrRepositoriesArgs {
  /** AWS provider (region, credentials); never the ambient default provider. */
  readonly provider: aws.Provider;
  /** Repository names, e.g. ['mlops-stack/serving', 'mlops-stack/training']. */
  readonly repositories: readonly string[];
  /** Tagged images kept per repository. @default 30 */
  readonly keepLastImages?: number;
  /** Days before untagged images expire. @default 7 */
  readonly untaggedExpiryDays?: number;
  /** Tags for every AWS resource. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

export class EcrRepositories extends pulumi.ComponentResource {
  public readonly repositories: Readonly<Record<string, aws.ecr.Repository>>;
  /** Registry host (<account>.dkr.ecr.<region>.amazonaws.com). */
  public readonly registryUrl: pulumi.Output<string>;

  constructor(name: string, args: EcrRepositoriesArgs, opts?: pulumi.ComponentResourceOptions) {
    super('mlops-stack:aws:EcrRepositories', name, {}, opts);
    if (args.repositories.length === 0) throw new Error(`EcrRepositories ${name}: no repository`);
    const child = { parent: this, provider: args.provider };
    const policy = ecrLifecyclePolicy(args.keepLastImages ?? 30, args.untaggedExpiryDays ?? 7);
    const repositories: Record<string, aws.ecr.Repository> = {};
    for (const repoName of args.repositories) {
      const logical = `${name}-${repoName.replace(/[^a-z0-9-]+/g, '-')}`;
      const repo = new aws.ecr.Repository(
        logical,
        {
          name: repoName,
          imageTagMutability: 'IMMUTABLE',
          imageScanningConfiguration: { scanOnPush: true },
          encryptionConfigurations: [{ encryptionType: 'AES256' }],
          tags: { ...args.tags },
        },
        child,
      );
      new aws.ecr.LifecyclePolicy(logical, { repository: repo.name, policy }, child);
      repositories[repoName] = repo;
    }
    this.repositories = Object.freeze(repositories);
    this.registryUrl = repositories[args.repositories[0]].repositoryUrl.apply(
      (url) => url.split('/')[0],
    );
    this.registerOutputs({ registryUrl: this.registryUrl });
  }
}

/** Pure: ECR lifecycle policy JSON — untagged images expire first, then all but the newest N. */
export function ecrLifecyclePolicy(keepLast: number, untaggedDays: number): string {
  return JSON.stringify({
    rules: [
      {
        rulePriority: 1,
        description: `expire untagged images after ${untaggedDays} days`,
        selection: {
          tagStatus: 'untagged',
          countType: 'sinceImagePushed',
          countUnit: 'days',
          countNumber: untaggedDays,
        },
        action: { type: 'expire' },
      },
      {
        rulePriority: 2,
        description: `keep the newest ${keepLast} images`,
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: keepLast },
        action: { type: 'expire' },
      },
    ],
  });
}
