// Composes the serving service from its configuration: TensorFlow runtime, model source (with
// the default model imported on first start), model manager, scheduler, metrics and the app.
import * as os from 'node:os';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ServingConfig } from './config';
import { DEFAULT_SERVED_MODEL } from './config';
import { buildApp } from './app';
import { DetectService } from './inference/detect-service';
import { InferenceScheduler } from './inference/scheduler';
import { loadModelConfigFile, singleModelConfig, type ModelConfig } from './manager/model-config';
import { ModelManager } from './manager/model-manager';
import { ShadowRecorder } from './manager/shadow-recorder';
import { DriftMonitor } from './drift/drift-monitor';
import { createMetrics } from './metrics';
import { defaultModelFiles, defaultModelMetadata } from '../../core/detection/default-model';
import { ModelRegistry } from '../../core/registry';
import { openStorage, type S3Options } from '../../core/storage';
import type { ModelSource } from './models/model-source';
import { registryReader } from './registry/registry-reader';
import type { TfRuntime } from '../../core/tf/backend';

export interface Service {
  readonly app: FastifyInstance;
  readonly manager: ModelManager;
  readonly scheduler: InferenceScheduler;
  /** Stops polling, waits for queued inference, disposes every model. */
  readonly close: () => Promise<void>;
}

export interface ServiceOptions {
  readonly config: ServingConfig;
  readonly runtime: TfRuntime;
  /** Defaults to the registry at config.registryUri. */
  readonly source?: ModelSource;
  /** S3 settings for s3:// registry URIs (parsed by the entry point). */
  readonly s3?: S3Options;
  readonly modelConfig?: ModelConfig;
  readonly logger?: FastifyBaseLogger;
  readonly isShuttingDown?: () => boolean;
  readonly log?: { info: (o: object, m: string) => void; error: (o: object, m: string) => void };
}

/** On first start the registry has no default model yet: import the packaged one as version 1. */
export async function importDefaultModel(
  registry: ModelRegistry,
  name = DEFAULT_SERVED_MODEL,
): Promise<number | undefined> {
  if ((await registry.listVersions(name)).length > 0) return undefined;
  return registry.publish(name, defaultModelFiles(), defaultModelMetadata(name));
}

/** wasm runs one thread per instance, so 'auto' starts one worker per core; native TF threads itself. */
export function workerCount(setting: 'auto' | number, backend: TfRuntime['backend']): number {
  if (setting !== 'auto') return setting;
  return backend === 'wasm' ? Math.min(os.availableParallelism(), 4) : 0;
}

export async function createService(opts: ServiceOptions): Promise<Service> {
  const { config, runtime } = opts;
  const log = opts.log ?? { info: () => undefined, error: () => undefined };
  let source = opts.source;
  if (!source) {
    const registry = new ModelRegistry(
      openStorage(config.registryUri, { s3: opts.s3, argument: 'MLOPS_REGISTRY_URI' }),
    );
    if (config.importDefaultModel) {
      const v = await importDefaultModel(registry);
      if (v !== undefined)
        log.info(
          { model: DEFAULT_SERVED_MODEL, version: v },
          'imported the default model into the registry',
        );
    }
    source = registry;
  }
  const modelConfig =
    opts.modelConfig ??
    (config.modelConfigFile
      ? loadModelConfigFile(config.modelConfigFile)
      : singleModelConfig(DEFAULT_SERVED_MODEL));
  const metrics = createMetrics(() => runtime.tf.memory().numTensors);
  const drift = new DriftMonitor(metrics.registry, config.driftWindowSeconds * 1000);
  const workers = workerCount(config.workers, runtime.backend);
  const manager = new ModelManager({
    tf: runtime.tf,
    source,
    config: modelConfig,
    cacheDir: config.modelCacheDir,
    compileGraphModels: config.graphExecution === 'compiled',
    savedModels: runtime.node,
    workers,
    onLoaded: (model, version, seconds, execution) => {
      metrics.modelLoadDuration.observe({ model, version: String(version) }, seconds);
      log.info({ model, version, seconds, execution }, 'model version loaded and warmed up');
    },
    onLoadFailed: (model, version, err) => {
      metrics.modelLoadFailures.inc({ model, version: String(version) });
      log.error({ model, version, err }, 'model version failed to load');
    },
    onVersionsChanged: (model, versions) => {
      metrics.modelInfo.reset();
      for (const name of manager.names())
        for (const v of manager.routing(name).versions)
          metrics.modelInfo.set({ model: name, version: String(v) }, 1);
      drift.retain(
        new Set(
          manager.names().flatMap((n) => manager.routing(n).versions.map((v) => `${n}:${v}`)),
        ),
      );
      log.info({ model, versions }, 'serving versions');
    },
  });
  const scheduler = new InferenceScheduler({
    maxQueue: config.maxQueue,
    maxBatch: config.batchMaxSize,
    windowMs: config.batchWindowMs,
    concurrency: Math.max(1, workers),
    onBatch: (tag, size, ms) => {
      const [model, version] = tag.split(':');
      metrics.batchSize.observe({ model, version }, size);
      metrics.inferenceDuration.observe({ model, version }, ms / 1000);
    },
    onDepth: (depth) => metrics.queueDepth.set(depth),
  });
  const shadows = new ShadowRecorder();
  const detect = new DetectService({
    manager,
    scheduler,
    metrics,
    shadows,
    drift,
    maxImagePixels: config.maxImagePixels,
    requestTimeoutMs: config.requestTimeoutMs,
    // What the queue holds plus what runs at once: beyond that a request could only wait.
    maxInFlight: config.maxQueue + Math.max(1, workers) * config.batchMaxSize,
  });
  const app = await buildApp({
    manager,
    detect,
    scheduler,
    metrics,
    shadows,
    registry: registryReader(source, () => manager.names()),
    apiKeys: config.apiKeys,
    adminToken: config.adminToken,
    maxBodyBytes: config.maxBodyBytes,
    backend: runtime.backend,
    isShuttingDown: opts.isShuttingDown,
    logger: opts.logger,
  });
  return {
    app,
    manager,
    scheduler,
    close: async () => {
      await scheduler.idle();
      await manager.close();
    },
  };
}
