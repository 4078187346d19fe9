// `mlops serve`: starts the serving service exactly like `npm start` (serving/src/start.ts). Flags
// are shorthands for the serving environment variables; a flag wins over its variable, and an
// invalid value fails with exit code 2 naming the flag.
import type { Command } from 'commander';
import { ENV } from '../../core/contract';
import { parseServingConfig, type ServingConfig } from '../../serving/src/config';
import { startServing } from '../../serving/src/start';
import { CliError, EXIT } from '../errors';

export interface ServeFlags {
  port?: string;
  grpcPort?: string;
  host?: string;
  registry?: string;
  modelConfig?: string;
  backend?: string;
  logLevel?: string;
}

/** Each flag and the environment variable it sets. */
export const SERVE_FLAG_ENV: Readonly<Record<keyof ServeFlags, string>> = {
  port: ENV.port,
  grpcPort: ENV.grpcPort,
  host: ENV.host,
  registry: ENV.registryUri,
  modelConfig: ENV.modelConfig,
  backend: ENV.tfBackend,
  logLevel: ENV.logLevel,
};

const flagName = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The serving config from the environment overlaid with the flags; errors name the flag. */
export function serveConfig(flags: ServeFlags, env: NodeJS.ProcessEnv): ServingConfig {
  const merged: NodeJS.ProcessEnv = { ...env };
  for (const [key, variable] of Object.entries(SERVE_FLAG_ENV)) {
    const value = flags[key as keyof ServeFlags];
    if (value !== undefined) merged[variable] = value;
  }
  try {
    return parseServingConfig(merged);
  } catch (error) {
    let message = (error as Error).message;
    for (const [key, variable] of Object.entries(SERVE_FLAG_ENV))
      if (flags[key as keyof ServeFlags] !== undefined)
        message = message.replace(`${variable}:`, `${flagName(key)} (${variable}):`);
    throw new CliError(`${message} — see docs/configuration.md`, EXIT.usage);
  }
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'start the object-detection service (same as npm start; other settings: docs/configuration.md)',
    )
    .option('--port <n>', `listen port (${ENV.port}, default 8080)`)
    .option('--grpc-port <n>', `Open Inference Protocol gRPC port (${ENV.grpcPort}, default 8081)`)
    .option('--host <addr>', `listen address (${ENV.host}, default 0.0.0.0)`)
    .option('--registry <uri>', `model registry file:///… or s3://… (${ENV.registryUri})`)
    .option('--model-config <file>', `served models, JSON/YAML (${ENV.modelConfig})`)
    .option('--backend <name>', `auto | tensorflow | wasm | cpu (${ENV.tfBackend})`)
    .option('--log-level <level>', `fatal … trace, silent (${ENV.logLevel}, default info)`)
    .action(async (flags: ServeFlags) => {
      const config = serveConfig(flags, process.env);
      try {
        await startServing(config, process.env);
      } catch (error) {
        throw new CliError(`serving failed to start: ${(error as Error).message}`);
      }
    });
}
