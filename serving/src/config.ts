// The serving configuration: read from the environment once at start-up, validated with zod
// (errors name the variable), frozen. docs/configuration.md is generated from this schema.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_MODEL_NAME,
  ENV,
  LOCAL_DATA_DIR,
  SERVING_GRPC_PORT,
  SERVING_PORT,
} from '../../core/contract';
import { defaultRegistryUri } from '../../core/registry/local-paths';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number) => z.coerce.number().int().min(min);
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/** The serving environment: each variable, its type, default and meaning (docs/configuration.md). */
export const servingEnvSchema = z.object({
  [ENV.port]: int(0).max(65535).default(SERVING_PORT).describe('TCP port of the HTTP API'),
  [ENV.grpcPort]: int(0)
    .max(65535)
    .default(SERVING_GRPC_PORT)
    .describe(
      'TCP port of the Open Inference Protocol over gRPC (same models, auth and queue as HTTP); 0 picks a free port',
    ),
  [ENV.host]: z.string().min(1).default('0.0.0.0').describe('listen address'),
  [ENV.logLevel]: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino level; JSON logs with a request id (x-request-id is echoed)'),
  [ENV.registryUri]: z
    .string()
    .regex(/^(file|s3):\/\//, 'must be file:///path or s3://bucket/prefix')
    .default(defaultRegistryUri())
    .describe(
      'model registry root: file:///path or s3://bucket/prefix (S3 settings: see Object storage)',
    ),
  [ENV.tfBackend]: z
    .enum(['auto', 'tensorflow', 'wasm', 'cpu'])
    .default('auto')
    .describe('TensorFlow.js backend; auto = native tensorflow when tfjs-node loads, else wasm'),
  [ENV.modelConfig]: z
    .string()
    .optional()
    .describe(
      'JSON/YAML file listing served models, versions, labels, canary and shadow; unset = the default model',
    ),
  [ENV.adminToken]: z
    .string()
    .min(16, 'must be at least 16 characters')
    .optional()
    .describe(
      'bearer token of the admin endpoints (reload, promote, unload), at least 16 characters; unset = they answer 403. Or MLOPS_ADMIN_TOKEN_FILE',
    ),
  [ENV.apiKeys]: list
    .default([])
    .describe(
      'comma-separated keys; inference then needs Authorization: Bearer <key> or X-API-Key: <key>; empty = open. Or MLOPS_API_KEYS_FILE',
    ),
  [ENV.importDefaultModel]: bool
    .default(true)
    .describe('import the bundled COCO detector as version 1 when the registry lacks it'),
  [ENV.modelCacheDir]: z
    .string()
    .default(path.join(REPO_ROOT, LOCAL_DATA_DIR, 'model-cache'))
    .describe(
      'where model files are copied for the native loader; compiled SavedModels under compiled/',
    ),
  [ENV.maxBodyBytes]: int(1024)
    .default(16 * 1024 * 1024)
    .describe('request body limit in bytes (413 above)'),
  [ENV.maxImagePixels]: int(1)
    .default(40_000_000)
    .describe('decoded width × height limit against decompression bombs (413 above)'),
  [ENV.maxQueue]: int(1)
    .default(16)
    .describe(
      "queued inference jobs; requests beyond this plus the running ones are shed at once with 503 + Retry-After. 16 ≈ 1.5 s of backlog at the native backend's ~11 req/s (BENCHMARKS.md, overload)",
    ),
  [ENV.requestTimeoutMs]: int(100)
    .default(10_000)
    .describe(
      'deadline of one request from its arrival: still queued then, or still running, it is answered 504 at that moment',
    ),
  [ENV.batchMaxSize]: int(1)
    .max(64)
    .default(1)
    .describe('dynamic batching: largest batch (1 = off)'),
  [ENV.batchWindowMs]: int(0)
    .default(0)
    .describe('dynamic batching: how long (ms) the oldest queued request waits for others'),
  [ENV.pollIntervalMs]: int(0)
    .default(10_000)
    .describe(
      'registry polling for hot reload (ms); 0 = off (POST /admin/models/{name}/reload still works)',
    ),
  [ENV.shutdownTimeoutMs]: int(0)
    .default(25_000)
    .describe(
      'on SIGTERM/SIGINT: stop accepting, drain in-flight requests, exit 0; exit 1 if draining takes longer (ms)',
    ),
  [ENV.workers]: z
    .union([z.literal('auto'), int(1).max(64)])
    .default('auto')
    .describe(
      'inference threads (the main thread never runs TensorFlow): auto = one with the native backend (TensorFlow threads inside its call), one per core (max 4) with wasm',
    ),
  [ENV.inferenceStallMs]: int(100)
    .default(15_000)
    .describe(
      'a model call running longer than this (ms) is declared stuck: its requests are answered 503 and its inference thread replaced',
    ),
  [ENV.inferenceHeapMb]: int(32)
    .default(64)
    .describe(
      'JavaScript heap limit (MiB, V8 old generation) of each inference thread; tfjs uses ~25 with the default model. Without a limit V8 lets an idle heap grow lazily: 30-60 MiB more resident per replica (BENCHMARKS.md, Memory). A thread over it is replaced like a crashed one',
    ),
  [ENV.driftWindowSeconds]: int(10)
    .default(3600)
    .describe(
      "sliding window (s) over which live traffic is compared with each version's drift baseline; exported as mlops_serving_drift_score{signal} (PSI)",
    ),
  [ENV.graphExecution]: z
    .enum(['compiled', 'eager'])
    .default('compiled')
    .describe(
      'native backend only: compiled runs each tfjs graph model as one cached TensorFlow SavedModel (~4× faster than eager, op by op); a graph that cannot be compiled runs eagerly',
    ),
});

export interface ServingConfig {
  readonly port: number;
  readonly grpcPort: number;
  readonly host: string;
  readonly logLevel: string;
  readonly registryUri: string;
  readonly tfBackend: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
  readonly modelConfigFile?: string;
  readonly adminToken?: string;
  readonly apiKeys: readonly string[];
  readonly importDefaultModel: boolean;
  readonly modelCacheDir: string;
  readonly maxBodyBytes: number;
  readonly maxImagePixels: number;
  readonly maxQueue: number;
  readonly requestTimeoutMs: number;
  readonly batchMaxSize: number;
  readonly batchWindowMs: number;
  readonly pollIntervalMs: number;
  readonly shutdownTimeoutMs: number;
  /** Inference threads; 'auto' = one with the native backend, one per core (max 4) with wasm. */
  readonly workers: 'auto' | number;
  /** A model call running longer than this (ms) is stuck: 503 and its thread replaced. */
  readonly inferenceStallMs: number;
  /** V8 old-generation limit (MiB) of each inference thread. */
  readonly inferenceHeapMb: number;
  /** Drift window (seconds) comparing live traffic with each version's baseline. */
  readonly driftWindowSeconds: number;
  /** Native backend: compile tfjs graph models to a SavedModel (one graph run) or run them op by op. */
  readonly graphExecution: 'compiled' | 'eager';
}

/** `X_FILE` variants (mounted secrets) fill `X` when `X` itself is unset. */
function withSecretFiles(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const key of [ENV.adminToken, ENV.apiKeys]) {
    const file = env[`${key}_FILE`];
    if (out[key] === undefined && file) out[key] = fs.readFileSync(file, 'utf8').trim();
  }
  return out;
}

export function parseServingConfig(env: NodeJS.ProcessEnv): ServingConfig {
  const relevant = Object.fromEntries(
    Object.keys(servingEnvSchema.shape).map((k) => [k, withSecretFiles(env)[k] || undefined]),
  );
  const r = servingEnvSchema.safeParse(relevant);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid serving configuration: ${issues.join('; ')}`);
  }
  const e = r.data;
  return Object.freeze({
    port: e[ENV.port],
    grpcPort: e[ENV.grpcPort],
    host: e[ENV.host],
    logLevel: e[ENV.logLevel],
    registryUri: e[ENV.registryUri],
    tfBackend: e[ENV.tfBackend],
    modelConfigFile: e[ENV.modelConfig],
    adminToken: e[ENV.adminToken],
    apiKeys: Object.freeze(e[ENV.apiKeys]),
    importDefaultModel: e[ENV.importDefaultModel],
    modelCacheDir: e[ENV.modelCacheDir],
    maxBodyBytes: e[ENV.maxBodyBytes],
    maxImagePixels: e[ENV.maxImagePixels],
    maxQueue: e[ENV.maxQueue],
    requestTimeoutMs: e[ENV.requestTimeoutMs],
    batchMaxSize: e[ENV.batchMaxSize],
    batchWindowMs: e[ENV.batchWindowMs],
    pollIntervalMs: e[ENV.pollIntervalMs],
    shutdownTimeoutMs: e[ENV.shutdownTimeoutMs],
    workers: e[ENV.workers],
    inferenceStallMs: e[ENV.inferenceStallMs],
    inferenceHeapMb: e[ENV.inferenceHeapMb],
    driftWindowSeconds: e[ENV.driftWindowSeconds],
    graphExecution: e[ENV.graphExecution],
  });
}

/** The default model every fresh `npm start` serves. */
export const DEFAULT_SERVED_MODEL = DEFAULT_MODEL_NAME;
