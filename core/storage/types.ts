// The storage interface both backends implement (filesystem and S3/MinIO), chosen by URI:
// file:///abs/path or s3://bucket/prefix. Keys are '/'-separated, relative to the URI root.

export interface ObjectInfo {
  readonly key: string;
  readonly size: number;
  /** Opaque version tag (S3 ETag, or a content hash on the filesystem) for conditional writes. */
  readonly etag: string;
  readonly lastModified: Date;
}

export interface PutOptions {
  /** Write only if the object does not exist yet (S3 If-None-Match: *). */
  readonly ifNoneMatch?: boolean;
  /** Write only if the current object's etag equals this one (S3 If-Match). */
  readonly ifMatch?: string;
  readonly contentType?: string;
}

/** Thrown when a conditional write loses (the caller re-reads and retries or reports). */
export class PreconditionFailedError extends Error {
  constructor(readonly key: string) {
    super(`precondition failed for ${key}: it was changed by someone else`);
    this.name = 'PreconditionFailedError';
  }
}

export class NotFoundError extends Error {
  constructor(readonly key: string) {
    super(`not found: ${key}`);
    this.name = 'NotFoundError';
  }
}

export interface Storage {
  /** The URI this storage was opened with (credentials never included). */
  readonly uri: string;
  get(key: string): Promise<Buffer>;
  /** Body and info read consistently (the etag belongs to exactly this body), for CAS loops. */
  getWithInfo(key: string): Promise<StoredObject>;
  /** Returns the new object's info; throws PreconditionFailedError when a condition fails. */
  put(key: string, body: Buffer, options?: PutOptions): Promise<ObjectInfo>;
  head(key: string): Promise<ObjectInfo | undefined>;
  /** Lists every object under a prefix (recursively), sorted by key. */
  list(prefix: string): Promise<ObjectInfo[]>;
  /** Deletes an object; deleting a missing object is not an error. */
  delete(key: string): Promise<void>;
  /** Copies an object within the store (server-side on S3, a hard link or copy on disk). */
  copy(fromKey: string, toKey: string): Promise<ObjectInfo>;
}

export interface StoredObject {
  readonly body: Buffer;
  readonly info: ObjectInfo;
}
