// Validation of object keys and of user-supplied names (models, datasets, aliases, runs), shared
// by both storage backends and the registries so a bad name fails the same way everywhere.

/** A bad argument: the message names the argument and says what is allowed. */
export class InvalidArgumentError extends Error {
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(`invalid ${argument}: ${message}`);
    this.name = 'InvalidArgumentError';
  }
}

const NAME = /^[a-z0-9][a-z0-9._-]*$/;
export const MAX_NAME_LENGTH = 128;

/**
 * Checks a model/dataset/alias name: lowercase letters, digits, '.', '_', '-', starting with a
 * letter or digit, at most 128 characters, no '..' (so it can never escape its prefix).
 */
export function validateName(argument: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0)
    throw new InvalidArgumentError(argument, 'must be a non-empty string');
  if (value.length > MAX_NAME_LENGTH)
    throw new InvalidArgumentError(
      argument,
      `${value.length} characters, at most ${MAX_NAME_LENGTH} allowed`,
    );
  if (!NAME.test(value) || value.includes('..'))
    throw new InvalidArgumentError(
      argument,
      `${JSON.stringify(value)} may only hold a-z, 0-9, '.', '_' and '-', start with a letter or digit, and not contain '..'`,
    );
  return value;
}

/** Checks a version number: a positive safe integer. */
export function validateVersion(argument: string, value: unknown): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError(argument, `${JSON.stringify(value)} is not a positive integer`);
  return n;
}

const MAX_KEY_LENGTH = 1024;

/**
 * Checks a relative object key ('/'-separated): no empty, '.' or '..' segments, no backslashes or
 * control characters, no leading '/', and no segment starting with '.mlops-' (reserved for the
 * filesystem backend's temporary and lock files).
 */
export function validateKey(argument: string, key: string): string {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH)
    throw new InvalidArgumentError(argument, `must be 1..${MAX_KEY_LENGTH} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f]/.test(key))
    throw new InvalidArgumentError(argument, `${JSON.stringify(key)} holds a forbidden character`);
  for (const segment of key.split('/')) {
    if (segment === '' || segment === '.' || segment === '..' || segment.startsWith('.mlops-'))
      throw new InvalidArgumentError(
        argument,
        `${JSON.stringify(key)} has an empty, relative or reserved path segment`,
      );
  }
  return key;
}

/** Checks a file path inside a version (model files, dataset images): a relative key. */
export function validateRelativeFile(argument: string, file: string): string {
  validateKey(argument, file);
  if (file.length > 512) throw new InvalidArgumentError(argument, 'longer than 512 characters');
  return file;
}
