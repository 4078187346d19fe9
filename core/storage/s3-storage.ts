// S3 backend of Storage (AWS S3 and MinIO) on @aws-sdk/client-s3. Conditional writes map to
// PutObject If-None-Match: * / If-Match: <etag>; both AWS S3 and MinIO answer 412 when the
// condition fails (or 409 when two conditional writes race), which becomes
// PreconditionFailedError. Credentials come only from the SDK's default provider chain
// (environment, shared files such as a mounted AWS_SHARED_CREDENTIALS_FILE, web identity) and are
// never part of the URI, the options or any message.
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { validateKey } from './keys';
import { credentialsFromFile } from './s3-credentials';
import type { S3Options } from './s3-options';
import type { ObjectInfo, PutOptions, Storage, StoredObject } from './types';
import { NotFoundError, PreconditionFailedError } from './types';

export class S3Storage implements Storage {
  readonly uri: string;
  private readonly client: S3Client;
  /** '' or 'some/prefix/' */
  private readonly base: string;

  constructor(
    readonly bucket: string,
    prefix: string,
    options: S3Options,
  ) {
    this.base = prefix === '' ? '' : `${prefix.replace(/\/+$/, '')}/`;
    this.uri = `s3://${bucket}/${this.base}`;
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      // Checksums only where S3 requires them, so S3-compatible stores without the newer
      // checksum headers keep working; integrity is verified by the registry's sha256 anyway.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: options.maxAttempts,
      credentials: options.credentialsFile
        ? credentialsFromFile(options.credentialsFile)
        : undefined,
    });
  }

  async get(key: string): Promise<Buffer> {
    return (await this.getWithInfo(key)).body;
  }

  async getWithInfo(key: string): Promise<StoredObject> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.full(key) }),
      );
      const body = Buffer.from(await out.Body!.transformToByteArray());
      return {
        body,
        info: {
          key,
          size: body.length,
          etag: out.ETag ?? '',
          lastModified: out.LastModified ?? new Date(0),
        },
      };
    } catch (error) {
      throw translate(error, key);
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    try {
      const out = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.full(key) }),
      );
      return {
        key,
        size: out.ContentLength ?? 0,
        etag: out.ETag ?? '',
        lastModified: out.LastModified ?? new Date(0),
      };
    } catch (error) {
      const translated = translate(error, key);
      if (translated instanceof NotFoundError) return undefined;
      throw translated;
    }
  }

  async put(key: string, body: Buffer, options: PutOptions = {}): Promise<ObjectInfo> {
    try {
      const out = await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.full(key),
          Body: body,
          ContentType: options.contentType,
          IfNoneMatch: options.ifNoneMatch ? '*' : undefined,
          IfMatch: options.ifMatch,
        }),
      );
      return { key, size: body.length, etag: out.ETag ?? '', lastModified: new Date() };
    } catch (error) {
      throw translate(error, key);
    }
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    const out: ObjectInfo[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: this.base + prefix,
          ContinuationToken: token,
        }),
      );
      for (const o of page.Contents ?? []) {
        if (!o.Key) continue;
        out.push({
          key: o.Key.slice(this.base.length),
          size: o.Size ?? 0,
          etag: o.ETag ?? '',
          lastModified: o.LastModified ?? new Date(0),
        });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.full(key) }));
  }

  async copy(fromKey: string, toKey: string): Promise<ObjectInfo> {
    const source = `${this.bucket}/${this.full(fromKey).split('/').map(encodeURIComponent).join('/')}`;
    try {
      const out = await this.client.send(
        new CopyObjectCommand({ Bucket: this.bucket, Key: this.full(toKey), CopySource: source }),
      );
      const info = await this.head(toKey);
      return (
        info ?? {
          key: toKey,
          size: 0,
          etag: out.CopyObjectResult?.ETag ?? '',
          lastModified: new Date(),
        }
      );
    } catch (error) {
      throw translate(error, fromKey);
    }
  }

  /** Closes the HTTP connections (tests and short-lived CLI runs). */
  destroy(): void {
    this.client.destroy();
  }

  private full(key: string): string {
    return this.base + validateKey('key', key);
  }
}

function translate(error: unknown, key: string): Error {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  if (status === 412 || status === 409 || e.name === 'PreconditionFailed')
    return new PreconditionFailedError(key);
  if (status === 404 || e.name === 'NoSuchKey' || e.name === 'NotFound')
    return new NotFoundError(key);
  return error instanceof Error ? error : new Error(String(error));
}
