// The one typed contract shared by infra, charts and the services: ports, paths, environment
// variable names, label keys. Change a value here and every consumer follows (or fails tsc).

/** HTTP port of the serving service inside its container and for `npm start`. */
export const SERVING_PORT = 8080;
/** Port of the Open Inference Protocol's gRPC transport (Triton's and KServe's gRPC clients). */
export const SERVING_GRPC_PORT = 8081;

/** HTTP paths the serving service exposes and the charts/monitoring reference. */
export const SERVING_PATHS = {
  detect: '/v1/detect',
  live: '/healthz',
  ready: '/readyz',
  metrics: '/metrics',
  docs: '/docs',
  openapi: '/openapi.json',
  v2Live: '/v2/health/live',
  v2Ready: '/v2/health/ready',
  /** The web playground (detect + registry view) and its static assets. */
  playground: '/',
  playgroundAssets: '/playground',
  /** Read-only registry view: models, versions, aliases, metrics, lineage, run reports. */
  registryModels: '/v1/registry/models',
} as const;

/** Port the training trigger webhook listens on (Alertmanager posts drift alerts here). */
export const TRAINING_TRIGGER_PORT = 8090;

/** Paths of the training trigger webhook (bearer token required on both). */
export const TRAINING_TRIGGER_PATHS = {
  /** Alertmanager webhook payloads (drift / staleness alerts carrying the retrain label). */
  alertmanager: '/v1/triggers/alertmanager',
  /** A manual or CI trigger: { model, reason }. */
  manual: '/v1/triggers',
  live: '/healthz',
  metrics: '/metrics',
} as const;

/** Environment variable names read once at start-up by the services (see each config module). */
export const ENV = {
  /** Storage URI of the model registry root: file:///path or s3://bucket/prefix. */
  registryUri: 'MLOPS_REGISTRY_URI',
  /** Storage URI of datasets. */
  datasetsUri: 'MLOPS_DATASETS_URI',
  /** Storage URI of run metadata (ML metadata store). */
  metadataUri: 'MLOPS_METADATA_URI',
  /** S3 endpoint override (MinIO); region; credentials come from the AWS_* variables or files. */
  s3Endpoint: 'MLOPS_S3_ENDPOINT',
  s3Region: 'MLOPS_S3_REGION',
  s3ForcePathStyle: 'MLOPS_S3_FORCE_PATH_STYLE',
  /** Mounted secret file with S3 credentials as JSON (else the AWS SDK's standard chain). */
  s3CredentialsFile: 'MLOPS_S3_CREDENTIALS_FILE',
  /** Force a TensorFlow.js backend: tensorflow | wasm | cpu. */
  tfBackend: 'MLOPS_TF_BACKEND',
  port: 'PORT',
  grpcPort: 'MLOPS_GRPC_PORT',
  host: 'HOST',
  logLevel: 'LOG_LEVEL',
  /** Admin token (reload/promote/unload) and optional inference API keys, or *_FILE variants. */
  adminToken: 'MLOPS_ADMIN_TOKEN',
  apiKeys: 'MLOPS_API_KEYS',
  /** Model config: JSON/YAML file listing served models, versions, labels, canary, shadow. */
  modelConfig: 'MLOPS_MODEL_CONFIG',
  /** Serving tunables (defaults and meaning in serving/README.md). */
  importDefaultModel: 'MLOPS_IMPORT_DEFAULT_MODEL',
  modelCacheDir: 'MLOPS_MODEL_CACHE_DIR',
  maxBodyBytes: 'MLOPS_MAX_BODY_BYTES',
  maxImagePixels: 'MLOPS_MAX_IMAGE_PIXELS',
  maxQueue: 'MLOPS_MAX_QUEUE',
  requestTimeoutMs: 'MLOPS_REQUEST_TIMEOUT_MS',
  batchMaxSize: 'MLOPS_BATCH_MAX_SIZE',
  batchWindowMs: 'MLOPS_BATCH_WINDOW_MS',
  pollIntervalMs: 'MLOPS_POLL_INTERVAL_MS',
  shutdownTimeoutMs: 'MLOPS_SHUTDOWN_TIMEOUT_MS',
  /** Training trigger: bearer token it expects (or *_FILE) and the Job manifest it instantiates. */
  triggerToken: 'MLOPS_TRIGGER_TOKEN',
  trainingJobTemplate: 'MLOPS_TRAINING_JOB_TEMPLATE',
  /** Models the trigger retrains on new dataset versions ("model" or "model=dataset", comma-separated). */
  watchModels: 'MLOPS_WATCH_MODELS',
  /** How often the trigger polls the dataset store for new versions (0 = never). */
  datasetPollIntervalMs: 'MLOPS_DATASET_POLL_INTERVAL_MS',
  workers: 'MLOPS_WORKERS',
  /** A model call running longer than this (ms) is declared stuck and its thread replaced. */
  inferenceStallMs: 'MLOPS_INFERENCE_STALL_MS',
  /** V8 old-generation limit (MiB) of each inference thread's JavaScript heap. */
  inferenceHeapMb: 'MLOPS_INFERENCE_HEAP_MB',
  /** How the native backend runs tfjs graph models: compiled (one TensorFlow graph) | eager. */
  graphExecution: 'MLOPS_GRAPH_EXECUTION',
  /** Sliding window over which live traffic is compared with a version's drift baseline. */
  driftWindowSeconds: 'MLOPS_DRIFT_WINDOW_SECONDS',
} as const;

/** Default local data directory for `npm start` (git-ignored), relative to the repo root. */
export const LOCAL_DATA_DIR = '.data';

/** The default model's registry name, imported as version 1 on first start. */
export const DEFAULT_MODEL_NAME = 'centernet-coco';

/** Standard Kubernetes labels (app.kubernetes.io/*) used by every chart. */
export const LABELS = {
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  version: 'app.kubernetes.io/version',
  component: 'app.kubernetes.io/component',
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
} as const;

export const PART_OF = 'mlops-stack';

/** Writable paths inside the containers (everything else is a read-only root filesystem). */
export const CONTAINER_PATHS = {
  tmp: '/tmp',
  modelCache: '/var/cache/mlops/models',
  modelConfig: '/etc/mlops/models.yaml',
  secrets: '/var/run/secrets/mlops',
  /** Training: scratch for checkpoints and datasets; the trigger's Job template file. */
  trainingWork: '/var/lib/mlops/work',
  trainingJobTemplate: '/etc/mlops/training-job.json',
} as const;

/**
 * Labels/annotations the infra stamps on every object it deploys (and AWS tags, same keys): which
 * environment and stack own it, and for ephemeral pr-<n> stacks the PR and expiry the reaper reads.
 */
export const STACK_LABELS = {
  environment: 'mlops-stack.io/environment',
  stack: 'mlops-stack.io/stack',
  pr: 'mlops-stack.io/pr',
  /** Label value: expiry as Unix seconds (label values cannot hold an ISO timestamp). */
  expires: 'mlops-stack.io/expires',
  /** Annotation value: expiry as an ISO 8601 timestamp. */
  expiresAt: 'mlops-stack.io/expires-at',
  /** Annotations on the serving Deployment naming the model version the stack pins. */
  model: 'mlops-stack.io/model',
  modelVersion: 'mlops-stack.io/model-version',
} as const;
