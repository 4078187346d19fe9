// Opens the pipeline's stores from URIs (registry, datasets, run metadata, work area for
// checkpoints and locks). Callers parse their flags/environment once and pass plain strings.
import { DatasetRegistry } from '../../../core/datasets';
import { RunStore } from '../../../core/metadata';
import { ModelRegistry } from '../../../core/registry';
import { openStorage } from '../../../core/storage/open-storage';
import type { S3Options } from '../../../core/storage/s3-options';

export interface StoreUris {
  readonly registry: string;
  readonly datasets: string;
  readonly metadata: string;
}

export function openStores(uris: StoreUris, s3?: S3Options) {
  const open = (uri: string, argument: string) => openStorage(uri, { s3, argument });
  const metadata = open(uris.metadata, 'metadata');
  return {
    models: new ModelRegistry(open(uris.registry, 'registry')),
    datasets: new DatasetRegistry(open(uris.datasets, 'datasets')),
    runs: new RunStore(metadata),
    // Checkpoints and locks live beside the run records.
    work: metadata,
  };
}
