// AppSecrets: Kubernetes Secrets built from Pulumi secrets (config set --secret): object-store
// credentials and API tokens. Values never appear in plain text in the state or the preview.
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';

/** Names of the Secrets the charts mount (and the keys inside them). */
export const SECRET_NAMES = {
  storage: 'mlops-storage-credentials',
  api: 'mlops-api-tokens',
  grafana: 'grafana-admin',
} as const;

export interface AppSecretsArgs {
  /** Provider of the target cluster; never the ambient kubeconfig. */
  readonly provider: k8s.Provider;
  /** Namespace the Secrets live in. */
  readonly namespace: pulumi.Input<string>;
  /** Admin token for the serving admin endpoints. @default none (no API token Secret) */
  readonly adminToken?: pulumi.Input<string>;
  /** Comma-separated inference API keys. @default none (inference open inside the cluster) */
  readonly apiKeys?: pulumi.Input<string>;
  /** Object-store credentials. @default none (workload identity, e.g. IRSA) */
  readonly storage?: {
    readonly accessKey: pulumi.Input<string>;
    readonly secretKey: pulumi.Input<string>;
  };
  /** Grafana admin password. @default none (no Grafana secret) */
  readonly grafanaAdminPassword?: pulumi.Input<string>;
  /** Resources the Secrets wait for (the namespace). @default [] */
  readonly dependsOn?: readonly pulumi.Resource[];
  /** Labels on every Secret. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

export class AppSecrets extends pulumi.ComponentResource {
  public readonly secrets: readonly k8s.core.v1.Secret[];

  constructor(name: string, args: AppSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('mlops-stack:k8s:AppSecrets', name, {}, opts);
    const make = (id: string, secretName: string, data: Record<string, pulumi.Input<string>>) =>
      new k8s.core.v1.Secret(
        `${name}-${id}`,
        {
          metadata: { name: secretName, namespace: args.namespace, labels: { ...args.labels } },
          type: 'Opaque',
          stringData: Object.fromEntries(
            Object.entries(data).map(([k, v]) => [k, pulumi.secret(v)]),
          ),
        },
        { parent: this, provider: args.provider, dependsOn: [...(args.dependsOn ?? [])] },
      );
    const secrets: k8s.core.v1.Secret[] = [];
    if (args.adminToken !== undefined) {
      secrets.push(
        make('api', SECRET_NAMES.api, {
          'admin-token': args.adminToken,
          ...(args.apiKeys === undefined ? {} : { 'api-keys': args.apiKeys }),
        }),
      );
    }
    if (args.storage) {
      secrets.push(
        make('storage', SECRET_NAMES.storage, {
          AWS_ACCESS_KEY_ID: args.storage.accessKey,
          AWS_SECRET_ACCESS_KEY: args.storage.secretKey,
        }),
      );
    }
    if (args.grafanaAdminPassword !== undefined) {
      secrets.push(
        make('grafana', SECRET_NAMES.grafana, {
          'admin-user': 'admin',
          'admin-password': args.grafanaAdminPassword,
        }),
      );
    }
    this.secrets = secrets;
    this.registerOutputs({ count: secrets.length });
  }
}
