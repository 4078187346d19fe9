// The validate step: checks a dataset before any training time is spent — COCO schema, boxes
// inside their images, class balance, duplicate images and annotations, and train/val/test
// leakage (the same image content in two splits). Errors fail the run with this report.
import { createHash } from 'node:crypto';
import { SPLITS, type CocoDataset, type SplitName } from '../dataset/coco-types';

export interface ValidationConfig {
  /** A class with fewer train boxes than this fraction of the largest class is an error. */
  readonly minClassShare: number;
  /** Every split must have at least this many images. */
  readonly minImagesPerSplit: number;
}

export const DEFAULT_VALIDATION: ValidationConfig = Object.freeze({
  minClassShare: 0.2,
  minImagesPerSplit: 2,
});

export interface ValidationReport {
  readonly ok: boolean;
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  /** Boxes per class name per split. */
  readonly classCounts: Readonly<Record<SplitName, Readonly<Record<string, number>>>>;
  readonly images: Readonly<Record<SplitName, number>>;
}

const MAX_LISTED = 10;

export function validateDataset(
  splits: Readonly<Record<SplitName, CocoDataset>>,
  readImage: (fileName: string) => Buffer,
  config: ValidationConfig = DEFAULT_VALIDATION,
): ValidationReport {
  const errors: string[] = [];
  const warnings: string[] = [];
  const err = (m: string) => errors.length < 200 && errors.push(m);
  const names = new Map<number, string>();
  const classCounts = {} as Record<SplitName, Record<string, number>>;
  const seenContent = new Map<string, string>();
  const firstCats = JSON.stringify([...splits.train.categories].sort((a, b) => a.id - b.id));
  for (const split of SPLITS) {
    const d = splits[split];
    if (!Array.isArray(d.images) || !Array.isArray(d.annotations) || !Array.isArray(d.categories)) {
      err(`${split}: images, annotations and categories must be arrays`);
      continue;
    }
    if (JSON.stringify([...d.categories].sort((a, b) => a.id - b.id)) !== firstCats)
      err(`${split}: categories differ from train's`);
    for (const c of d.categories) names.set(c.id, c.name);
    if (d.images.length < config.minImagesPerSplit)
      err(`${split}: ${d.images.length} images (< ${config.minImagesPerSplit})`);
    const images = new Map<number, { width: number; height: number }>();
    for (const [i, img] of d.images.entries()) {
      if (!Number.isInteger(img.id)) err(`${split}.images[${i}].id must be an integer`);
      if (images.has(img.id)) err(`${split}.images[${i}].id ${img.id} is duplicated`);
      if (!(img.width > 0 && img.height > 0))
        err(`${split}.images[${i}] has no positive width/height`);
      images.set(img.id, img);
      let bytes: Buffer;
      try {
        bytes = readImage(img.file_name);
      } catch {
        err(`${split}.images[${i}]: file ${img.file_name} is missing`);
        continue;
      }
      const hash = createHash('sha256').update(bytes).digest('hex');
      const where = `${split}/${img.file_name}`;
      const before = seenContent.get(hash);
      if (before) {
        const leak = before.split('/')[0] !== split;
        (leak ? err : (m: string) => warnings.push(m))(
          `${leak ? 'leakage' : 'duplicate image'}: ${where} has the same content as ${before}`,
        );
      } else seenContent.set(hash, where);
    }
    const counts: Record<string, number> = Object.fromEntries(d.categories.map((c) => [c.name, 0]));
    const boxKeys = new Set<string>();
    for (const [i, a] of d.annotations.entries()) {
      const at = `${split}.annotations[${i}]`;
      const img = images.get(a.image_id);
      if (!img) {
        err(`${at}.image_id ${a.image_id} names no image`);
        continue;
      }
      const name = names.get(a.category_id);
      if (name === undefined) err(`${at}.category_id ${a.category_id} is not a category`);
      else counts[name] = (counts[name] ?? 0) + 1;
      if (a.iscrowd === 1) err(`${at}: crowd annotations are not supported`);
      const [x, y, w, h] = a.bbox ?? [];
      if (![x, y, w, h].every((v) => typeof v === 'number' && Number.isFinite(v))) {
        err(`${at}.bbox must be four finite numbers`);
        continue;
      }
      if (!(w! > 0 && h! > 0)) err(`${at}.bbox has no area`);
      const tol = 0.5;
      if (x! < -tol || y! < -tol || x! + w! > img.width + tol || y! + h! > img.height + tol)
        err(`${at}.bbox [${a.bbox.join(', ')}] lies outside its ${img.width}x${img.height} image`);
      const key = `${a.image_id}:${a.category_id}:${a.bbox.join(',')}`;
      if (boxKeys.has(key)) warnings.push(`${at}: duplicate annotation`);
      boxKeys.add(key);
    }
    classCounts[split] = counts;
  }
  const train = classCounts.train ?? {};
  const max = Math.max(0, ...Object.values(train));
  for (const [name, n] of Object.entries(train)) {
    if (n === 0) err(`class balance: ${name} has no training boxes`);
    else if (n < max * config.minClassShare)
      err(`class balance: ${name} has ${n} training boxes (< ${config.minClassShare} × ${max})`);
  }
  if (errors.length >= 200) errors.push('… more errors omitted');
  return {
    ok: errors.length === 0,
    errors,
    warnings: warnings.slice(0, MAX_LISTED),
    classCounts,
    images: {
      train: splits.train.images?.length ?? 0,
      val: splits.val.images?.length ?? 0,
      test: splits.test.images?.length ?? 0,
    },
  };
}
