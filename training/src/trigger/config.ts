// The training trigger's environment, parsed once at start-up with zod (errors name the
// variable). docs/configuration.md is generated from this schema.
import * as fs from 'node:fs';
import { z } from 'zod';
import { ENV, TRAINING_TRIGGER_PORT } from '../../../core/contract';
import {
  defaultDatasetsUri,
  defaultMetadataUri,
  defaultRegistryUri,
} from '../../../core/registry/local-paths';

const storageUri = z
  .string()
  .regex(/^(file|s3):\/\//, 'must be file:///path or s3://bucket/prefix');

const WATCH_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

export const triggerEnvSchema = z.object({
  [ENV.triggerToken]: z
    .string({ error: `required: set ${ENV.triggerToken} or ${ENV.triggerToken}_FILE` })
    .trim()
    .min(16, 'must hold a token of at least 16 characters')
    .describe('bearer token the webhook requires (required). Or MLOPS_TRIGGER_TOKEN_FILE'),
  [ENV.port]: z.coerce
    .number()
    .int()
    .min(1)
    .max(65535)
    .default(TRAINING_TRIGGER_PORT)
    .describe('TCP port of the webhook'),
  [ENV.host]: z.string().min(1).default('127.0.0.1').describe('listen address'),
  [ENV.tfBackend]: z
    .enum(['tensorflow', 'wasm', 'cpu'])
    .optional()
    .describe('TensorFlow.js backend for training; unset = native tensorflow, else cpu'),
  [ENV.watchModels]: z
    .string()
    .default('')
    .transform((s, ctx) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
        .map((entry) => {
          const [model = '', dataset = model] = entry.split('=').map((x) => x.trim());
          if (!WATCH_NAME.test(model) || !WATCH_NAME.test(dataset))
            ctx.addIssue({ code: 'custom', message: `"${entry}" is not model or model=dataset` });
          return Object.freeze({ model, dataset });
        }),
    )
    .describe(
      'models retrained when their dataset gets a new version: model or model=dataset, comma-separated',
    ),
  [ENV.datasetPollIntervalMs]: z.coerce
    .number()
    .int()
    .min(0)
    .default(60_000)
    .describe('how often the dataset store is polled for new versions, ms (0 = never)'),
  [ENV.trainingJobTemplate]: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Job manifest file; set = in-cluster mode (each run is a Kubernetes Job), unset = runs in-process',
    ),
  [ENV.registryUri]: storageUri
    .default(defaultRegistryUri())
    .describe('model registry the runs publish to'),
  [ENV.datasetsUri]: storageUri
    .default(defaultDatasetsUri())
    .describe('dataset store the runs ingest from'),
  [ENV.metadataUri]: storageUri
    .default(defaultMetadataUri())
    .describe('run metadata store (ML metadata: params, metrics, lineage)'),
});

export type TriggerConfig = Readonly<z.output<typeof triggerEnvSchema>>;

export function parseTriggerConfig(env: NodeJS.ProcessEnv): TriggerConfig {
  const file = env[`${ENV.triggerToken}_FILE`];
  const withToken = file ? { ...env, [ENV.triggerToken]: fs.readFileSync(file, 'utf8') } : env;
  const relevant = Object.fromEntries(
    Object.keys(triggerEnvSchema.shape).map((k) => [k, withToken[k] || undefined]),
  );
  const r = triggerEnvSchema.safeParse(relevant);
  if (!r.success)
    throw new Error(
      `invalid trigger configuration: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return Object.freeze(r.data);
}
