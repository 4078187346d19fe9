// AppSecrets: Kubernetes Secrets built from Pulumi secrets (config set --secret) — object-store
// credentials, API tokens, admin passwords. Values stay secret in the state and the preview.
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';

/** Secret name → key → value (each value is wrapped as a Pulumi secret). */
export type SecretSpecs = Readonly<Record<string, Readonly<Record<string, pulumi.Input<string>>>>>;

export interface AppSecretsArgs {
  /** Provider of the target cluster; never the ambient kubeconfig. */
  readonly provider: k8s.Provider;
  /** Namespace the Secrets live in. */
  readonly namespace: pulumi.Input<string>;
  /** The Secrets to create, by name, with their keys (the names the charts mount). */
  readonly secrets: SecretSpecs;
  /** Resources the Secrets wait for (the namespace). @default [] */
  readonly dependsOn?: readonly pulumi.Resource[];
  /** Labels on every Secret. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

export class AppSecrets extends pulumi.ComponentResource {
  public readonly secrets: readonly k8s.core.v1.Secret[];

  constructor(name: string, args: AppSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('mlops-stack:k8s:AppSecrets', name, {}, opts);
    this.secrets = Object.entries(args.secrets).map(
      ([secretName, data]) =>
        new k8s.core.v1.Secret(
          `${name}-${secretName}`,
          {
            metadata: { name: secretName, namespace: args.namespace, labels: { ...args.labels } },
            type: 'Opaque',
            stringData: Object.fromEntries(
              Object.entries(data).map(([k, v]) => [k, pulumi.secret(v)]),
            ),
          },
          { parent: this, provider: args.provider, dependsOn: [...(args.dependsOn ?? [])] },
        ),
    );
    this.registerOutputs({ count: this.secrets.length });
  }
}
