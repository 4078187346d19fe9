// Per-object diffs between two folders of synthesized manifests (base and head of a PR):
// objects are matched by apiVersion/kind/namespace/name so reordering is not a change.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { parseAllDocuments, stringify } from 'yaml';

export interface ManifestDiff {
  readonly id: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly patch: string;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry) ? [path] : [];
  });
}

interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
}

export function loadObjects(dir: string): Map<string, string> {
  const objects = new Map<string, string>();
  for (const file of yamlFiles(dir).sort()) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]!.message}`);
      const obj = doc.toJS() as K8sObject | null;
      if (!obj || typeof obj !== 'object') continue;
      const ns = obj.metadata?.namespace ? `${obj.metadata.namespace}/` : '';
      const id = `${obj.kind ?? '?'} ${ns}${obj.metadata?.name ?? '?'} (${obj.apiVersion ?? '?'})`;
      objects.set(id, stringify(obj, { sortMapEntries: true }));
    }
  }
  return objects;
}

export function diffManifests(baseDir: string, headDir: string): ManifestDiff[] {
  const base = loadObjects(baseDir);
  const head = loadObjects(headDir);
  const ids = [...new Set([...base.keys(), ...head.keys()])].sort();
  const diffs: ManifestDiff[] = [];
  for (const id of ids) {
    const a = base.get(id) ?? '';
    const b = head.get(id) ?? '';
    if (a === b) continue;
    const change = !base.has(id) ? 'added' : !head.has(id) ? 'removed' : 'changed';
    const patch = createTwoFilesPatch('base', 'head', a, b, undefined, undefined, { context: 3 })
      .split('\n')
      .slice(2) // the ===/--- header lines say nothing the summary doesn't
      .join('\n')
      .trim();
    diffs.push({ id, change, patch });
  }
  return diffs;
}
