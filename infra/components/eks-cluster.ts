// EksCluster: an EKS control plane with KMS-encrypted secrets, managed node groups, an optional
// tainted GPU node group for training, and the IAM OIDC provider that enables IRSA.
// Built from @pulumi/aws resources directly (no @pulumi/eks: fewer plugins, every input visible).
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface EksNodeGroupSpec {
  /** Node group name (DNS-1123 label). */
  readonly name: string;
  readonly instanceTypes: readonly string[];
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredSize: number;
  /** Root volume size in GiB. */
  readonly diskSizeGiB: number;
  /** @default 'ON_DEMAND' */
  readonly capacityType?: 'ON_DEMAND' | 'SPOT';
}

export interface EksClusterArgs {
  /** AWS provider (region, credentials); never the ambient default provider. */
  readonly provider: aws.Provider;
  /** Kubernetes minor version, e.g. '1.32'. */
  readonly version: string;
  /** Subnets (at least two AZs) for the control plane ENIs and the nodes. */
  readonly subnetIds: readonly string[];
  /** Whether the API endpoint is reachable from the internet. @default true */
  readonly endpointPublicAccess?: boolean;
  /** CIDRs allowed to reach a public endpoint. @default ['0.0.0.0/0'] */
  readonly publicAccessCidrs?: readonly string[];
  /** General-purpose managed node groups (at least one). */
  readonly nodeGroups: readonly EksNodeGroupSpec[];
  /** GPU node group for training, tainted so only tolerating pods land on it. @default none */
  readonly gpuNodeGroup?: Omit<EksNodeGroupSpec, 'name' | 'capacityType'>;
  /** Tags for every AWS resource. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The taint on GPU nodes; training pods that want a GPU tolerate it. */
export const GPU_TAINT = { key: 'nvidia.com/gpu', value: 'true', effect: 'NO_SCHEDULE' } as const;
/** Node label every group carries: which group a node belongs to. */
export const NODE_GROUP_LABEL = 'mlops-stack.io/node-group';

export class EksCluster extends pulumi.ComponentResource {
  public readonly cluster: aws.eks.Cluster;
  public readonly nodeGroups: readonly aws.eks.NodeGroup[];
  public readonly oidcProvider: aws.iam.OpenIdConnectProvider;
  /** Kubeconfig using `aws eks get-token` (secret: it names the endpoint and CA). */
  public readonly kubeconfig: pulumi.Output<string>;

  constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super('mlops-stack:aws:EksCluster', name, {}, opts);
    const child = { parent: this, provider: args.provider };
    const tags = { ...args.tags };
    const clusterRole = serviceRole(`${name}-cluster`, 'eks.amazonaws.com', tags, child, [
      'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy',
    ]);
    const secretsKey = new aws.kms.Key(
      `${name}-secrets`,
      {
        description: `${name} Kubernetes secrets envelope encryption`,
        enableKeyRotation: true,
        tags,
      },
      child,
    );
    this.cluster = new aws.eks.Cluster(
      name,
      {
        version: args.version,
        roleArn: clusterRole.role.arn,
        vpcConfig: {
          subnetIds: [...args.subnetIds],
          endpointPrivateAccess: true,
          endpointPublicAccess: args.endpointPublicAccess ?? true,
          publicAccessCidrs: [...(args.publicAccessCidrs ?? ['0.0.0.0/0'])],
        },
        accessConfig: { authenticationMode: 'API' },
        encryptionConfig: { resources: ['secrets'], provider: { keyArn: secretsKey.arn } },
        enabledClusterLogTypes: ['api', 'audit', 'authenticator'],
        tags,
      },
      { ...child, dependsOn: clusterRole.attachments },
    );
    const nodeRole = serviceRole(`${name}-node`, 'ec2.amazonaws.com', tags, child, [
      'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
      'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy',
      'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly',
    ]);
    const group = (spec: EksNodeGroupSpec, gpu: boolean) =>
      new aws.eks.NodeGroup(
        `${name}-${spec.name}`,
        {
          clusterName: this.cluster.name,
          nodeRoleArn: nodeRole.role.arn,
          subnetIds: [...args.subnetIds],
          instanceTypes: [...spec.instanceTypes],
          capacityType: spec.capacityType ?? 'ON_DEMAND',
          amiType: gpu ? 'AL2023_x86_64_NVIDIA' : 'AL2023_x86_64_STANDARD',
          diskSize: spec.diskSizeGiB,
          scalingConfig: {
            minSize: spec.minSize,
            maxSize: spec.maxSize,
            desiredSize: spec.desiredSize,
          },
          updateConfig: { maxUnavailable: 1 },
          labels: { [NODE_GROUP_LABEL]: spec.name },
          taints: gpu ? [{ ...GPU_TAINT }] : [],
          tags,
        },
        { ...child, dependsOn: nodeRole.attachments, ignoreChanges: ['scalingConfig.desiredSize'] },
      );
    const groups = args.nodeGroups.map((spec) => group(spec, false));
    if (args.gpuNodeGroup) groups.push(group({ ...args.gpuNodeGroup, name: 'gpu' }, true));
    this.nodeGroups = groups;
    this.oidcProvider = new aws.iam.OpenIdConnectProvider(
      `${name}-oidc`,
      {
        url: this.cluster.identities.apply((ids) => ids[0].oidcs?.[0]?.issuer ?? ''),
        clientIdLists: ['sts.amazonaws.com'],
        tags,
      },
      child,
    );
    this.kubeconfig = pulumi.secret(
      pulumi
        .all([
          this.cluster.name,
          this.cluster.endpoint,
          this.cluster.certificateAuthority,
          args.provider.region,
        ])
        .apply(([clusterName, endpoint, ca, region]) =>
          eksKubeconfig({ clusterName, endpoint, caData: ca.data ?? '', region: region ?? '' }),
        ),
    );
    this.registerOutputs({ clusterName: this.cluster.name, kubeconfig: this.kubeconfig });
  }
}

function serviceRole(
  name: string,
  service: string,
  tags: Record<string, string>,
  opts: pulumi.CustomResourceOptions,
  policyArns: readonly string[],
): { role: aws.iam.Role; attachments: aws.iam.RolePolicyAttachment[] } {
  const role = new aws.iam.Role(name, { assumeRolePolicy: assumeRolePolicy(service), tags }, opts);
  const attachments = policyArns.map(
    (policyArn) =>
      new aws.iam.RolePolicyAttachment(
        `${name}-${policyArn.split('/').pop()}`,
        { role: role.name, policyArn },
        opts,
      ),
  );
  return { role, attachments };
}

/** Pure: a trust policy letting an AWS service assume a role. */
export function assumeRolePolicy(service: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  });
}

/** Pure: a kubeconfig that authenticates with `aws eks get-token` (no long-lived credentials). */
export function eksKubeconfig(c: {
  clusterName: string;
  endpoint: string;
  caData: string;
  region: string;
}): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: c.clusterName,
        cluster: { server: c.endpoint, 'certificate-authority-data': c.caData },
      },
    ],
    contexts: [{ name: c.clusterName, context: { cluster: c.clusterName, user: c.clusterName } }],
    'current-context': c.clusterName,
    users: [
      {
        name: c.clusterName,
        user: {
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1beta1',
            command: 'aws',
            args: ['eks', 'get-token', '--cluster-name', c.clusterName, '--region', c.region],
          },
        },
      },
    ],
  });
}
