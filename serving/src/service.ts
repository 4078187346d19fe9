// Composes the serving service from its configuration: the inference engine (threads that own
// TensorFlow), model source (with the default model imported on first start), model manager,
// scheduler, metrics, the HTTP app and the gRPC server.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ServingConfig } from './config';
import { DEFAULT_SERVED_MODEL } from './config';
import { buildApp, type AppDeps } from './app';
import { createOipGrpcServer, type OipGrpcServer } from './grpc/oip-grpc-server';
import { DetectService } from './inference/detect-service';
import { InferenceScheduler } from './inference/scheduler';
import { loadModelConfigFile, singleModelConfig, type ModelConfig } from './manager/model-config';
import { ModelManager } from './manager/model-manager';
import { ShadowRecorder } from './manager/shadow-recorder';
import { DriftMonitor } from './drift/drift-monitor';
import { createMetrics } from './metrics';
import { monitorEventLoop } from './event-loop-monitor';
import { defaultModelFiles, defaultModelMetadata } from '../../core/detection/default-model';
import { ModelRegistry } from '../../core/registry';
import { openStorage, type S3Options } from '../../core/storage';
import type { ModelSource } from './models/model-source';
import { registryReader } from './registry/registry-reader';
import { InferenceEngine } from './engine/inference-engine';
import type { ThreadInit } from './engine/protocol';

export interface Service {
  readonly app: FastifyInstance;
  /** The Open Inference Protocol over gRPC; not listening until `grpc.listen`. */
  readonly grpc: OipGrpcServer;
  readonly manager: ModelManager;
  readonly scheduler: InferenceScheduler;
  readonly engine: InferenceEngine;
  /** Stops polling, waits for queued inference, disposes every model, stops the threads. */
  readonly close: () => Promise<void>;
}

export interface ServiceOptions {
  readonly config: ServingConfig;
  /** Overrides for the inference threads (tests: a loader module standing in for TensorFlow). */
  readonly engineInit?: Partial<ThreadInit>;
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

/** Loading, compiling and warming up one version may take this long before its thread is replaced. */
const MODEL_LOAD_LIMIT_MS = 300_000;

export async function createService(opts: ServiceOptions): Promise<Service> {
  const { config } = opts;
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
  const liveTensors = { read: () => 0 };
  const metrics = createMetrics(() => liveTensors.read());
  const stopLoopMonitor = monitorEventLoop((s) => metrics.eventLoopDelay.observe(s));
  const engine = await InferenceEngine.start({
    threads: config.workers,
    init: {
      prefer: config.tfBackend === 'auto' ? undefined : config.tfBackend,
      ...opts.engineInit,
    },
    stallMs: config.inferenceStallMs,
    heapMb: config.inferenceHeapMb,
    loadMs: MODEL_LOAD_LIMIT_MS,
    onRestart: (reason, seconds) => {
      metrics.engineRestarts.inc();
      log.info({ reason, seconds }, 'inference thread replaced; its models are warm again');
    },
    log: (msg) => log.error({}, msg),
  });
  liveTensors.read = () => engine.liveTensors;
  log.info({ backend: engine.backend, threads: engine.threads }, engine.line);
  const drift = new DriftMonitor(metrics.registry, config.driftWindowSeconds * 1000);
  const manager = new ModelManager({
    engine,
    source,
    config: modelConfig,
    cacheDir: config.modelCacheDir,
    compileGraphModels: config.graphExecution === 'compiled',
    onLoaded: (model, version, seconds, execution) => {
      metrics.modelLoadDuration.observe({ model, version: String(version) }, seconds);
      log.info({ model, version, seconds, execution }, 'model version loaded and warmed up');
    },
    onLoadFailed: (model, version, err) => {
      metrics.modelLoadFailures.inc({ model, version: String(version) });
      log.error({ model, version, err }, 'model version failed to load');
    },
    onSyncAnomaly: (model, reason, detail) => {
      metrics.registrySyncAnomalies.inc({ model, reason });
      log.error({ model, reason }, `registry sync: ${detail}`);
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
    concurrency: engine.threads,
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
    maxInFlight: config.maxQueue + engine.threads * config.batchMaxSize,
  });
  const deps: AppDeps = {
    manager,
    detect,
    scheduler,
    metrics,
    shadows,
    registry: registryReader(source, () => manager.names()),
    apiKeys: config.apiKeys,
    adminToken: config.adminToken,
    maxBodyBytes: config.maxBodyBytes,
    backend: engine.backend,
    engineReady: () => engine.ready,
    isShuttingDown: opts.isShuttingDown,
    logger: opts.logger,
  };
  const app = await buildApp(deps);
  const grpc = createOipGrpcServer({
    ...deps,
    log: (err) => log.error({ err }, 'gRPC call failed'),
  });
  return {
    app,
    grpc,
    manager,
    scheduler,
    engine,
    close: async () => {
      stopLoopMonitor();
      await grpc.close();
      await scheduler.idle();
      await manager.close();
      await engine.close();
    },
  };
}
