// Opens a Storage from a URI: file:///abs/path (filesystem) or s3://bucket[/prefix] (S3, MinIO).
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileStorage } from './fs-storage';
import { InvalidArgumentError } from './keys';
import type { S3Options } from './s3-options';
import { S3Storage } from './s3-storage';
import type { Storage } from './types';

export interface OpenStorageOptions {
  /** S3 settings, parsed once by the caller (see s3OptionsFromEnv). */
  readonly s3?: S3Options;
  /** Name of the argument the URI came from, for error messages. @default 'uri' */
  readonly argument?: string;
}

export function openStorage(uri: string, options: OpenStorageOptions = {}): Storage {
  const argument = options.argument ?? 'uri';
  if (uri.startsWith('file://')) {
    let root: string;
    try {
      root = fileURLToPath(uri);
    } catch {
      throw new InvalidArgumentError(argument, `${uri} is not a valid file:// URI`);
    }
    if (!path.isAbsolute(root))
      throw new InvalidArgumentError(argument, `${uri} must name an absolute path`);
    return new FileStorage(path.resolve(root));
  }
  const s3 = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(uri);
  if (s3) {
    const prefix = (s3[2] ?? '').replace(/\/+$/, '');
    if (prefix.split('/').some((s) => s === '..' || s === '.'))
      throw new InvalidArgumentError(argument, `${uri} has a relative path segment`);
    return new S3Storage(
      s3[1],
      prefix,
      options.s3 ?? { region: 'us-east-1', forcePathStyle: false },
    );
  }
  throw new InvalidArgumentError(
    argument,
    `${JSON.stringify(uri)} must be file:///absolute/path or s3://bucket[/prefix]`,
  );
}
