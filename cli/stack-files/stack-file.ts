// Reads and edits committed Pulumi.<stack>.yaml files in place, keeping comments and key order
// (the yaml Document API), so automated edits (model pins, image digests) read like a person's.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, parseDocument, type Document } from 'yaml';

export const PROJECT = 'mlops-stack';
const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const DIGEST_REF = /^[a-z0-9.\-_/:{}]+@sha256:[a-f0-9]{64}$/i;

export function stackFilePath(repoRoot: string, stack: string): string {
  if (!STACK_NAME.test(stack)) throw new Error(`invalid stack name "${stack}"`);
  return join(repoRoot, `Pulumi.${stack}.yaml`);
}

export function loadStackFile(path: string): Document {
  if (!existsSync(path)) throw new Error(`no stack file ${path}`);
  const doc = parseDocument(readFileSync(path, 'utf8'));
  if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0]!.message}`);
  if (!isMap(doc.get('config'))) throw new Error(`${path}: has no "config:" map`);
  return doc;
}

/** Writes through a temporary file and a rename, so a crash never leaves half a stack file. */
export function saveStackFile(path: string, doc: Document): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, doc.toString({ lineWidth: 100 }));
  renameSync(tmp, path);
}

/** Pins the served model version (and optionally its name): `serving.model.{name,version}`. */
export function pinModel(doc: Document, version: number, name?: string): void {
  if (!Number.isInteger(version) || version < 1)
    throw new Error(`model version must be a positive integer, got ${version}`);
  const key = `${PROJECT}:serving`;
  if (!isMap(doc.getIn(['config', key])))
    throw new Error(`stack file has no ${key} to pin a model in`);
  if (name !== undefined) doc.setIn(['config', key, 'model', 'name'], name);
  doc.setIn(['config', key, 'model', 'version'], version);
}

/** Pins a workload image by digest: `<component>.image`. */
export function pinImage(doc: Document, component: 'serving' | 'training', ref: string): void {
  if (!DIGEST_REF.test(ref))
    throw new Error(
      `image for ${component} must be pinned by digest (repo@sha256:<64 hex>), got "${ref}"`,
    );
  const key = `${PROJECT}:${component}`;
  if (!isMap(doc.getIn(['config', key]))) throw new Error(`stack file has no ${key}`);
  doc.setIn(['config', key, 'image'], ref);
}
