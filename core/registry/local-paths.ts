// Default locations of the local (file://) registry, datasets and run metadata: one place that
// serving, training and the CLI share, under the git-ignored data directory of the repository.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LOCAL_DATA_DIR } from '../contract';

/** Repository root (this file lives in core/registry/). */
export const REPO_ROOT = path.resolve(__dirname, '../..');

export function defaultRegistryUri(root: string = REPO_ROOT): string {
  return pathToFileURL(path.join(root, LOCAL_DATA_DIR, 'registry')).href;
}

export function defaultDatasetsUri(root: string = REPO_ROOT): string {
  return pathToFileURL(path.join(root, LOCAL_DATA_DIR, 'datasets')).href;
}

export function defaultMetadataUri(root: string = REPO_ROOT): string {
  return pathToFileURL(path.join(root, LOCAL_DATA_DIR, 'metadata')).href;
}
