// Object keys of a versioned collection (models/ or datasets/) on storage, in one place:
//   <kind>/<name>/<version>/<files…>       the version's files and metadata.json
//   <kind>/<name>/<version>/CLAIMED        version number reserved by one publisher
//   <kind>/<name>/<version>/COMMITTED      written last: the version is visible from here on
//   <kind>/<name>/_staging/<upload>/…      uploads in progress (UPLOAD marker + files)
//   <kind>/<name>/aliases/<alias>.json     { version, history } updated by compare-and-swap
import { InvalidArgumentError } from '../storage/keys';

export type CollectionKind = 'models' | 'datasets';

export const METADATA_FILE = 'metadata.json';
export const COMMITTED = 'COMMITTED';
export const CLAIMED = 'CLAIMED';
export const UPLOAD = 'UPLOAD';
export const STAGING_DIR = '_staging';
export const ALIASES_DIR = 'aliases';

/** File names a publisher may not use: they would clash with the registry's own markers. */
export const RESERVED_FILES: ReadonlySet<string> = new Set([METADATA_FILE, COMMITTED, CLAIMED]);

export function nameDir(kind: CollectionKind, name: string): string {
  return `${kind}/${name}/`;
}

export function versionDir(kind: CollectionKind, name: string, version: number): string {
  return `${kind}/${name}/${version}/`;
}

export function stagingDir(kind: CollectionKind, name: string, upload?: string): string {
  return upload === undefined
    ? `${kind}/${name}/${STAGING_DIR}/`
    : `${kind}/${name}/${STAGING_DIR}/${upload}/`;
}

export function aliasKey(kind: CollectionKind, name: string, alias: string): string {
  return `${kind}/${name}/${ALIASES_DIR}/${alias}.json`;
}

/** Parses "<kind>/<name>/<n>/<rest>" keys; undefined for anything else. */
export function parseVersionKey(
  kind: CollectionKind,
  key: string,
): { name: string; version: number; rest: string } | undefined {
  const m = new RegExp(`^${kind}/([^/]+)/(\\d+)/(.+)$`).exec(key);
  return m ? { name: m[1], version: Number(m[2]), rest: m[3] } : undefined;
}

export function checkFileName(file: string): void {
  if (RESERVED_FILES.has(file))
    throw new InvalidArgumentError('files', `${file} is reserved for the registry's own use`);
}
