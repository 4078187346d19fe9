// Maps registry/storage errors to CLI errors with meaningful exit codes (cli/errors.ts):
// bad argument 2, not found 3, conflict 4.
import { InvalidDatasetError } from '../../core/datasets/coco';
import { AliasConflictError } from '../../core/registry/aliases';
import { RegistryNotFoundError } from '../../core/registry/model-registry';
import { InvalidArgumentError } from '../../core/storage/keys';
import { NotFoundError, PreconditionFailedError } from '../../core/storage/types';
import { CliError } from '../errors';

export function cliErrorFrom(error: unknown): Error {
  if (error instanceof CliError) return error;
  if (error instanceof InvalidArgumentError || error instanceof InvalidDatasetError)
    return new CliError(error.message, 2);
  if (error instanceof NotFoundError || error instanceof RegistryNotFoundError)
    return new CliError(error.message, 3);
  if (error instanceof AliasConflictError || error instanceof PreconditionFailedError)
    return new CliError(error.message, 4);
  return error instanceof Error ? error : new Error(String(error));
}

/** Wraps a command action so its errors carry the right exit code. */
export function mapped<A extends unknown[]>(action: (...args: A) => Promise<void>) {
  return async (...args: A): Promise<void> => {
    try {
      await action(...args);
    } catch (error) {
      throw cliErrorFrom(error);
    }
  };
}

/** Parses a positive integer argument or fails naming it. */
export function positiveInt(argument: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new CliError(`${argument} must be a positive integer, got "${value}"`, 2);
  return Number(value);
}

/** Parses durations like 30s, 15m, 2h, 7d (or plain milliseconds). */
export function durationMs(argument: string, value: string): number {
  const m = /^(\d+)(ms|s|m|h|d)?$/.exec(value);
  if (!m)
    throw new CliError(`${argument} must be a duration like 30s, 15m, 2h or 7d, got "${value}"`, 2);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] ?? 'ms'] ?? 1;
  return Number(m[1]) * unit;
}
