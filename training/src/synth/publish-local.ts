// Publishes a local COCO directory (annotations/<split>.json + images/…) as a dataset version.
import * as path from 'node:path';
import type { DatasetManifest, DatasetRegistry } from '../../../core/datasets';
import { SPLITS } from '../dataset/coco-types';
import { openLocalDataset } from '../dataset/local-dataset';

export async function publishLocalDataset(
  datasets: DatasetRegistry,
  name: string,
  dir: string,
  description: string,
): Promise<DatasetManifest> {
  const local = openLocalDataset(dir);
  const images: Record<string, string> = {};
  for (const split of SPLITS)
    for (const img of local.splits[split].images)
      images[img.file_name] = path.join(dir, 'images', img.file_name);
  return datasets.publishDataset(name, {
    splits: local.splits as unknown as Parameters<DatasetRegistry['publishDataset']>[1]['splits'],
    images,
    description,
    source: 'mlops dataset synth',
  });
}
