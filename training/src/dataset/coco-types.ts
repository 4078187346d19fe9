// The COCO detection types the pipeline reads and writes: core's dataset format, with area and
// iscrowd always present (the synthesiser writes them and the evaluation relies on them).
import type {
  CocoAnnotation as StoredAnnotation,
  CocoCategory,
  CocoImage,
} from '../../../core/datasets/coco';

export type { CocoCategory, CocoImage };

export type CocoAnnotation = StoredAnnotation &
  Required<Pick<StoredAnnotation, 'area' | 'iscrowd'>>;

export interface CocoDataset {
  readonly images: readonly CocoImage[];
  readonly annotations: readonly CocoAnnotation[];
  readonly categories: readonly CocoCategory[];
}

export const SPLITS = ['train', 'val', 'test'] as const;
export type SplitName = (typeof SPLITS)[number];
