// Public surface of core/storage: the Storage interface, both backends and openStorage(uri).
export * from './types';
export * from './keys';
export { FileStorage } from './fs-storage';
export { S3Storage } from './s3-storage';
export { openStorage, type OpenStorageOptions } from './open-storage';
export { s3OptionsFromEnv, type S3Options } from './s3-options';
