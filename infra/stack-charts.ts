// The charts a stack renders, behind one interface: the stack builders ask for charts with plain
// typed inputs and get cdk8s Charts back. `chart-factories.ts` implements it with the project's
// serving, training and platform charts; tests may pass small stand-ins.
import type { Chart } from 'cdk8s';
import type { Environment } from './config';

/** Where the workloads find the model registry, datasets and run metadata. */
export interface StorageWiring {
  /** Bucket name, or a `{{mlops:bucket}}` placeholder resolved at deploy time. */
  readonly bucket: string;
  /** Prefix inside the bucket ('' for a platform stack, 'previews/pr-<n>/' for a preview). */
  readonly prefix: string;
  /** S3 endpoint override (MinIO), '' for AWS S3; may be a `{{mlops:storageEndpoint}}` placeholder. */
  readonly endpoint: string;
  /** AWS region ('us-east-1' for MinIO). */
  readonly region: string;
  /** Secret holding AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, if credentials are static. */
  readonly credentialsSecret?: string;
}

export interface WorkloadChartInputs {
  readonly namespace: string;
  readonly environment: Environment;
  readonly image: string;
  readonly storage: StorageWiring;
  /** Secret with the admin token and API keys. */
  readonly apiSecret: string;
  /** Namespace of Prometheus (allowed to scrape the workloads). */
  readonly monitoringNamespace?: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ServingChartInputs extends WorkloadChartInputs {
  readonly replicas: number;
  readonly model: { readonly name: string; readonly version?: number };
}

export interface TrainingChartInputs extends WorkloadChartInputs {
  /** Name the trained model is registered under. */
  readonly model: string;
  readonly schedule: string;
  readonly gpu: boolean;
  /** Secret (key `token`) of the trigger webhook; no webhook without it. */
  readonly triggerTokenSecret?: string;
}

export interface PlatformChartInputs {
  readonly environment: Environment;
  /** Namespace of the platform services. */
  readonly namespace: string;
  /** Namespace of the workloads Prometheus scrapes and Alertmanager calls. */
  readonly workloadNamespace: string;
  /** Image overrides by name (repo:tag[@sha256:…]); digests are required in staging/prod. */
  readonly images: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
}

export interface StackCharts {
  serving(inputs: ServingChartInputs): { readonly chart: Chart; readonly url: string };
  /** The training chart and its trigger webhook's URL (when deployed). */
  training(inputs: TrainingChartInputs): { readonly chart: Chart; readonly triggerUrl?: string };
  /** The in-cluster registry chart and the address nodes pull from. */
  registry(inputs: PlatformChartInputs): { readonly chart: Chart; readonly url: string };
  /** The MinIO chart and its S3 endpoint. */
  minio(
    inputs: PlatformChartInputs & {
      readonly bucket: string;
      readonly sizeGi: number;
      /** MINIO_ROOT_USER / MINIO_ROOT_PASSWORD. */
      readonly rootCredentialsSecret: string;
      /** AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY of the workloads' user. */
      readonly appCredentialsSecret: string;
    },
  ): { readonly chart: Chart; readonly endpoint: string };
  /** Prometheus, Alertmanager and Grafana. */
  monitoring(
    inputs: PlatformChartInputs & {
      /** Secret with Grafana's `admin-password`. */
      readonly grafanaSecret: string;
      /** Training trigger Alertmanager calls on drift, with its token Secret. */
      readonly trigger?: { readonly url: string; readonly tokenSecret: string };
    },
  ): {
    readonly charts: readonly Chart[];
    readonly grafanaUrl: string;
  };
}
