// Props of the ServingChart, their defaults, and the invariants checked before anything is built
// (replica/HPA/PDB consistency, memory budget). Pure: tested directly.
import type { ImageVersion } from '../../core/versions';

export interface ServingAutoscaling {
  /** @default 2 */
  readonly minReplicas?: number;
  /** @default 6 */
  readonly maxReplicas?: number;
  /** Target average CPU utilisation of the requests, percent. @default 70 */
  readonly cpuUtilization?: number;
  /** Optional per-pod custom metric (needs a metrics adapter), e.g. the queue depth. */
  readonly customMetric?: { readonly name: string; readonly averageValue: number };
}

export interface ServingStorage {
  /** Model registry root: `s3://bucket/prefix` or `file:///path`. */
  readonly registryUri: string;
  /** S3 endpoint override (MinIO). @default AWS S3 */
  readonly s3Endpoint?: string;
  /** @default 'us-east-1' */
  readonly s3Region?: string;
  /** Secret holding AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. @default none (IRSA / instance role) */
  readonly credentialsSecret?: string;
}

export interface ServingResources {
  /** @default 500 */
  readonly cpuRequestMillis: number;
  /** @default 2000 */
  readonly cpuLimitMillis: number;
  /** @default 384 */
  readonly memoryRequestMiB: number;
  /** The budget is 512 MiB per replica with the default model. @default 512 */
  readonly memoryLimitMiB: number;
}

export interface ServingChartProps {
  /** Namespace of every object. */
  readonly namespace: string;
  /** Environment name; staging and prod require image digests. */
  readonly environment: string;
  /** app.kubernetes.io/instance and the base of object names. @default 'serving' */
  readonly instance?: string;
  /** @default IMAGES.serving */
  readonly image?: ImageVersion;
  /** Replicas when autoscaling is off. @default 2 */
  readonly replicas?: number;
  /** HPA settings; `false` disables it (then `replicas` applies). @default {} (min 2, max 6) */
  readonly autoscaling?: ServingAutoscaling | false;
  /** PodDisruptionBudget (maxUnavailable 1); needs ≥ 2 replicas. @default true */
  readonly podDisruptionBudget?: boolean;
  /** @default 500m/2 CPU, 384/512 MiB */
  readonly resources?: ServingResources;
  readonly storage: ServingStorage;
  /**
   * Served models in the service's model-config format (validated with its schema): versions,
   * labels, canary weight, shadow fraction. @default one model, DEFAULT_MODEL_NAME, latest
   */
  readonly modelConfig?: unknown;
  /** Import the default model into an empty registry at start-up. @default false */
  readonly importDefaultModel?: boolean;
  /** Secret with keys `admin-token` and `api-keys`, mounted read-only. @default none */
  readonly apiSecret?: string;
  /** Extra serving tunables, keyed by env var name from ENV (e.g. batch size). @default {} */
  readonly tunables?: Readonly<Record<string, string>>;
  /** Size limit of the model cache emptyDir. @default 1024 */
  readonly modelCacheMiB?: number;
  /** Namespaces (by name) whose pods may call the service, besides its own. @default [] */
  readonly clientNamespaces?: readonly string[];
  /** Namespace of Prometheus, allowed to scrape /metrics. @default the chart's namespace */
  readonly monitoringNamespace?: string;
  /** Egress ports for the object store (S3 443, MinIO 9000). @default [443, 9000] */
  readonly storageEgressPorts?: readonly number[];
  /** Optional Ingress; its controller's namespace is allowed in by the NetworkPolicy. */
  readonly ingress?: {
    readonly host: string;
    /** @default cluster default class */
    readonly className?: string;
    readonly tlsSecret?: string;
    /** Namespace of the ingress controller. @default 'ingress-nginx' */
    readonly controllerNamespace?: string;
  };
  /** Extra labels on every object (stack, environment, PR…). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Extra annotations on the Deployment (e.g. the pinned model version). @default {} */
  readonly annotations?: Readonly<Record<string, string>>;
}

export const SERVING_DEFAULT_RESOURCES: ServingResources = Object.freeze({
  cpuRequestMillis: 500,
  cpuLimitMillis: 2000,
  memoryRequestMiB: 384,
  memoryLimitMiB: 512,
});

/** The serving image's non-root user (see serving/Dockerfile). */
export const SERVING_UID = 10001;

export interface ResolvedScaling {
  readonly hpa?: Required<Omit<ServingAutoscaling, 'customMetric'>> &
    Pick<ServingAutoscaling, 'customMetric'>;
  /** Fixed replicas (undefined when the HPA owns the count). */
  readonly replicas?: number;
  /** The fewest replicas the service may run with in steady state. */
  readonly minReplicas: number;
}

/** Resolves replicas/HPA and checks the invariants the PDB depends on. */
export function resolveScaling(props: ServingChartProps): ResolvedScaling {
  const pdb = props.podDisruptionBudget ?? true;
  let out: ResolvedScaling;
  if (props.autoscaling === false) {
    const replicas = props.replicas ?? 2;
    if (!Number.isInteger(replicas) || replicas < 1) throw new Error('replicas must be ≥ 1');
    out = { replicas, minReplicas: replicas };
  } else {
    const a = props.autoscaling ?? {};
    const hpa = {
      minReplicas: a.minReplicas ?? 2,
      maxReplicas: a.maxReplicas ?? 6,
      cpuUtilization: a.cpuUtilization ?? 70,
      customMetric: a.customMetric,
    };
    if (hpa.minReplicas < 1 || hpa.maxReplicas < hpa.minReplicas) {
      throw new Error('autoscaling: need 1 ≤ minReplicas ≤ maxReplicas');
    }
    if (hpa.cpuUtilization <= 0 || hpa.cpuUtilization > 100) {
      throw new Error('autoscaling.cpuUtilization must be in (0, 100]');
    }
    out = { hpa, minReplicas: hpa.minReplicas };
  }
  if (pdb && out.minReplicas < 2) {
    throw new Error(
      'podDisruptionBudget needs at least 2 replicas (with 1 it would block every node drain); ' +
        'raise replicas/minReplicas or set podDisruptionBudget: false',
    );
  }
  return out;
}
