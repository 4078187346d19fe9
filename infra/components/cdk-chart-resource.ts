// CdkChartResource: renders a cdk8s Chart (or App) into one Pulumi Kubernetes resource per object,
// through an explicit provider. One resource per object (rather than a provider-side ConfigGroup)
// gives stable logical names, per-object diffs in previews, and an explicit deletion order.
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { App, Chart } from 'cdk8s';

/** A synthesized Kubernetes object as cdk8s emits it. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  } & Readonly<Record<string, unknown>>;
  readonly [field: string]: unknown;
}

export interface CdkChartResourceArgs {
  /** The chart, or an App whose charts are all rendered. */
  readonly chart: Chart | App;
  /** Provider of the target cluster; never the ambient kubeconfig. */
  readonly provider: k8s.Provider;
  /** Namespace given to namespaced objects that have none. @default the chart's own */
  readonly namespace?: pulumi.Input<string>;
  /** Labels merged into every object's metadata. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations merged into every object's metadata. @default {} */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * Values for `{{mlops:key}}` placeholders in the synthesized strings: lets a chart (synthesized
   * synchronously) refer to values only known at deploy time, such as StackReference outputs.
   * @default {}
   */
  readonly substitutions?: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * Annotations added to every ServiceAccount (e.g. the IRSA role, as a `{{mlops:…}}`
   * placeholder). @default {}
   */
  readonly serviceAccountAnnotations?: Readonly<Record<string, string>>;
  /**
   * Resources every object waits for, and which outlive the objects on destroy (e.g. the
   * namespace they live in, the Secrets they mount). @default []
   */
  readonly dependsOn?: readonly pulumi.Resource[];
}

/** Kinds that must exist before anything else in the chart and are deleted last. */
const FOUNDATION_KINDS = new Set(['Namespace', 'CustomResourceDefinition']);
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleBinding',
  'PriorityClass',
  'StorageClass',
  'PersistentVolume',
  'IngressClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
]);

/** One Kubernetes object of any kind, managed by the Kubernetes provider under its own type token. */
class KubernetesObject extends pulumi.CustomResource {
  constructor(
    type: string,
    name: string,
    props: pulumi.Inputs,
    opts: pulumi.CustomResourceOptions,
  ) {
    super(type, name, props, opts);
  }
}

export class CdkChartResource extends pulumi.ComponentResource {
  /** The synthesized objects, after labels and namespace were applied (placeholders kept). */
  public readonly manifests: readonly Manifest[];
  /** The created resources, keyed by `<kind>/<namespace>/<name>` (namespace empty if cluster-scoped). */
  public readonly resources: Readonly<Record<string, pulumi.CustomResource>>;

  constructor(name: string, args: CdkChartResourceArgs, opts?: pulumi.ComponentResourceOptions) {
    super('mlops-stack:k8s:CdkChartResource', name, {}, opts);
    this.manifests = synthesize(args.chart).map((m) =>
      withMetadata(m, args.labels ?? {}, {
        ...args.annotations,
        ...(m.kind === 'ServiceAccount' ? args.serviceAccountAnnotations : {}),
      }),
    );
    const resources: Record<string, pulumi.CustomResource> = {};
    const foundation: pulumi.Resource[] = [...(args.dependsOn ?? [])];
    const ordered = [...this.manifests].sort(
      (a, b) => Number(FOUNDATION_KINDS.has(b.kind)) - Number(FOUNDATION_KINDS.has(a.kind)),
    );
    for (const manifest of ordered) {
      const namespaced = !CLUSTER_SCOPED_KINDS.has(manifest.kind);
      const namespace = namespaced ? (manifest.metadata.namespace ?? args.namespace) : undefined;
      const key = objectKey(manifest);
      const body = substitute(manifest, args.substitutions ?? {}) as Record<
        string,
        pulumi.Input<unknown>
      >;
      // The provider's own type token for the kind (core kinds are `core/v1`), as the typed
      // classes use; apiextensions.CustomResource rejects core-group objects ("v1").
      const resource = new KubernetesObject(
        kubernetesTypeToken(manifest.apiVersion, manifest.kind),
        `${name}:${key}`,
        {
          ...body,
          apiVersion: manifest.apiVersion,
          kind: manifest.kind,
          metadata: { ...(body.metadata as object), namespace },
        },
        {
          parent: this,
          provider: args.provider,
          // Everything waits for (and on destroy is deleted before) the chart's namespaces/CRDs.
          dependsOn: FOUNDATION_KINDS.has(manifest.kind)
            ? [...(args.dependsOn ?? [])]
            : [...foundation],
        },
      );
      if (FOUNDATION_KINDS.has(manifest.kind)) foundation.push(resource);
      resources[key] = resource;
    }
    this.resources = Object.freeze(resources);
    this.registerOutputs({ objectCount: this.manifests.length });
  }
}

/** Pure: the objects a chart or app synthesizes, in cdk8s dependency order. */
export function synthesize(chart: Chart | App): Manifest[] {
  const charts = 'charts' in chart ? chart.charts : [chart];
  return charts.flatMap((c) => c.toJson() as Manifest[]);
}

/** Pure: the provider's type token of an object: `kubernetes:<group or core>/<version>:<Kind>`. */
export function kubernetesTypeToken(apiVersion: string, kind: string): string {
  const groupVersion = apiVersion.includes('/') ? apiVersion : `core/${apiVersion}`;
  return `kubernetes:${groupVersion}:${kind}`;
}

/** Pure: `<kind>/<namespace>/<name>`, the stable key and logical-name suffix of an object. */
export function objectKey(manifest: Manifest): string {
  const ns = CLUSTER_SCOPED_KINDS.has(manifest.kind) ? '' : (manifest.metadata.namespace ?? '');
  return `${manifest.kind.toLowerCase()}/${ns}/${manifest.metadata.name}`;
}

function withMetadata(
  manifest: Manifest,
  labels: Readonly<Record<string, string>>,
  annotations: Readonly<Record<string, string>>,
): Manifest {
  const metadata = {
    ...manifest.metadata,
    labels: { ...labels, ...manifest.metadata.labels },
    ...(Object.keys(annotations).length > 0 || manifest.metadata.annotations
      ? { annotations: { ...annotations, ...manifest.metadata.annotations } }
      : {}),
  };
  return { ...manifest, metadata };
}

// Namespaced so Go/Grafana templates in the charts (`{{ $labels.x }}`, `{{model}}`) are left alone.
const PLACEHOLDER = /\{\{mlops:([A-Za-z0-9_.-]+)\}\}/g;

/** Pure: replaces `{{mlops:key}}` placeholders in every string by the (possibly unknown) values. */
export function substitute(
  value: unknown,
  values: Readonly<Record<string, pulumi.Input<string>>>,
): unknown {
  if (typeof value === 'string') {
    const keys = [...value.matchAll(PLACEHOLDER)].map((m) => m[1]);
    if (keys.length === 0) return value;
    for (const k of keys) {
      if (!(k in values)) throw new Error(`no value for placeholder {{mlops:${k}}} in "${value}"`);
    }
    return pulumi
      .all(keys.map((k) => values[k]))
      .apply((resolved) =>
        value.replace(PLACEHOLDER, (_m, k: string) => resolved[keys.indexOf(k)]),
      );
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, values));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, values)]));
  }
  return value;
}
