// Starts the serving process from a parsed config: logging, the inference engine, the models,
// listening (HTTP and gRPC), and graceful shutdown on SIGTERM/SIGINT (stop accepting, drain,
// exit 0). `npm start` (serving/src/server.ts) and `mlops serve` (cli/commands/serve.ts) call it.
import pino from 'pino';
import { s3OptionsFromEnv } from '../../core/storage';
import type { ServingConfig } from './config';
import { createService } from './service';

export async function startServing(config: ServingConfig, env: NodeJS.ProcessEnv): Promise<void> {
  const logger = pino({
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers["x-api-key"]'],
  });
  logger.info(
    { node: process.version, pid: process.pid },
    `Node.js ${process.version} (${process.execPath})`,
  );
  let shuttingDown = false;
  const s3 = config.registryUri.startsWith('s3://') ? s3OptionsFromEnv(env) : undefined;
  const service = await createService({
    config,
    s3,
    logger,
    log: logger,
    isShuttingDown: () => shuttingDown,
  });
  const { app, manager } = service;

  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    const force = setTimeout(() => {
      logger.error('drain timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    force.unref();
    manager.stopPolling();
    // Both transports stop accepting and wait for their in-flight requests.
    await Promise.all([app.close(), service.grpc.close()]);
    await service.close();
    logger.info('shutdown complete');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    await app.listen({ port: config.port, host: config.host });
    const grpcPort = await service.grpc.listen(config.host, config.grpcPort);
    logger.info({ port: grpcPort }, 'Open Inference Protocol over gRPC listening');
  } catch (error) {
    // Nothing will serve: stop the inference threads so the process can end with the error.
    await service.close();
    throw error;
  }
  await manager.sync();
  if (!manager.ready)
    logger.error('not every configured model could be loaded; /readyz stays 503 until they are');
  manager.startPolling(config.pollIntervalMs, (err) =>
    logger.error({ err }, 'registry poll failed'),
  );
  logger.info({ backend: service.engine.backend, models: manager.names() }, 'serving is ready');
}
