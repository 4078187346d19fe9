// The COCO detection annotation format (the subset the pipeline uses) and its validation: ids
// unique, every annotation on a known image and category, boxes of four finite numbers with
// positive size. Errors name the split and the offending entry.
export interface CocoImage {
  readonly id: number;
  readonly file_name: string;
  readonly width: number;
  readonly height: number;
}

export interface CocoAnnotation {
  readonly id: number;
  readonly image_id: number;
  readonly category_id: number;
  /** [x, y, width, height] in image pixels. */
  readonly bbox: readonly [number, number, number, number];
  readonly area?: number;
  readonly iscrowd?: 0 | 1;
}

export interface CocoCategory {
  readonly id: number;
  readonly name: string;
  readonly supercategory?: string;
}

export interface CocoDataset {
  readonly images: readonly CocoImage[];
  readonly annotations: readonly CocoAnnotation[];
  readonly categories: readonly CocoCategory[];
  readonly info?: Readonly<Record<string, unknown>>;
}

export class InvalidDatasetError extends Error {
  constructor(message: string) {
    super(`invalid dataset: ${message}`);
    this.name = 'InvalidDatasetError';
  }
}

/** Validates one split's annotations; returns the image file names it references. */
export function validateCoco(split: string, data: CocoDataset): string[] {
  const where = `split ${split}`;
  if (
    !Array.isArray(data?.images) ||
    !Array.isArray(data.annotations) ||
    !Array.isArray(data.categories)
  )
    throw new InvalidDatasetError(`${where}: images, annotations and categories must be arrays`);
  const images = new Map<number, CocoImage>();
  for (const image of data.images) {
    if (!Number.isInteger(image.id) || images.has(image.id))
      throw new InvalidDatasetError(`${where}: image id ${image.id} is missing or duplicated`);
    if (typeof image.file_name !== 'string' || image.file_name === '')
      throw new InvalidDatasetError(`${where}: image ${image.id} has no file_name`);
    if (!(image.width > 0) || !(image.height > 0))
      throw new InvalidDatasetError(`${where}: image ${image.id} has no positive width/height`);
    images.set(image.id, image);
  }
  const categories = new Set<number>();
  for (const c of data.categories) {
    if (!Number.isInteger(c.id) || categories.has(c.id) || typeof c.name !== 'string')
      throw new InvalidDatasetError(`${where}: category ${c.id} is missing a name or duplicated`);
    categories.add(c.id);
  }
  const ids = new Set<number>();
  for (const a of data.annotations) {
    const what = `${where}: annotation ${a.id}`;
    if (!Number.isInteger(a.id) || ids.has(a.id))
      throw new InvalidDatasetError(`${what} has a missing or duplicated id`);
    ids.add(a.id);
    if (!images.has(a.image_id))
      throw new InvalidDatasetError(`${what} refers to unknown image ${a.image_id}`);
    if (!categories.has(a.category_id))
      throw new InvalidDatasetError(`${what} refers to unknown category ${a.category_id}`);
    const box = a.bbox;
    if (
      !Array.isArray(box) ||
      box.length !== 4 ||
      !box.every(Number.isFinite) ||
      box[2] <= 0 ||
      box[3] <= 0
    )
      throw new InvalidDatasetError(`${what} has a bbox that is not [x, y, w>0, h>0]`);
  }
  return [...images.values()].map((i) => i.file_name);
}
