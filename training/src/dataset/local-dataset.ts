// Reads a dataset laid out as annotations/<split>.json (COCO) + images/<file_name> from a local
// directory (the synth output, or a dataset version materialised from storage).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CocoDataset, SplitName } from './coco-types';

export interface LocalDataset {
  readonly dir: string;
  readonly splits: Readonly<Record<SplitName, CocoDataset>>;
  readImage(fileName: string): Buffer;
}

export function openLocalDataset(dir: string): LocalDataset {
  const read = (split: SplitName): CocoDataset => {
    const file = path.join(dir, 'annotations', `${split}.json`);
    if (!fs.existsSync(file)) throw new Error(`dataset ${dir}: annotations/${split}.json missing`);
    return JSON.parse(fs.readFileSync(file, 'utf8')) as CocoDataset;
  };
  return {
    dir,
    splits: { train: read('train'), val: read('val'), test: read('test') },
    readImage: (fileName) => {
      const resolved = path.resolve(dir, 'images', fileName);
      if (!resolved.startsWith(path.resolve(dir, 'images') + path.sep))
        throw new Error(`image file_name ${fileName} escapes the dataset`);
      return fs.readFileSync(resolved);
    },
  };
}
