// `mlops dataset synth`: a reproducible synthetic detection dataset — textured stars, rings and
// crosses composited onto random crops of real photographs, exact boxes, train/val/test splits,
// COCO JSON. Same seed and options → byte-identical files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import type { CocoAnnotation, CocoDataset, CocoImage, SplitName } from '../dataset/coco-types';
import { SPLITS } from '../dataset/coco-types';
import { createRng, type Rng } from './rng';
import { drawShape, SHAPE_CLASSES, shapeExtent, type PlacedShape } from './shapes';

export interface SynthOptions {
  readonly seed: number;
  /** Total number of images over all splits. */
  readonly images: number;
  /** Side of the square images in pixels. */
  readonly size: number;
  /** Fractions of images in val and test (the rest is train). */
  readonly valFraction: number;
  readonly testFraction: number;
  readonly maxObjectsPerImage: number;
  /** Directory holding the background photographs (PNG/JPEG). */
  readonly photosDir: string;
  readonly outDir: string;
}

export const DEFAULT_SYNTH: Omit<SynthOptions, 'photosDir' | 'outDir'> = Object.freeze({
  seed: 7,
  images: 160,
  size: 384,
  valFraction: 0.15,
  testFraction: 0.2,
  maxObjectsPerImage: 3,
});

/** Colour and grey photos of skimage/data that make varied backgrounds (no tiny/synthetic ones). */
export const BACKGROUND_PHOTOS = [
  'astronaut.png',
  'brick.png',
  'camera.png',
  'chelsea.png',
  'coffee.png',
  'coins.png',
  'grass.png',
  'gravel.png',
  'ihc.png',
  'moon.png',
  'motorcycle_left.png',
  'motorcycle_right.png',
  'rocket.jpg',
  'hubble_deep_field.jpg',
  'retina.jpg',
  'page.png',
] as const;

export interface SynthResult {
  readonly outDir: string;
  readonly splits: Readonly<Record<SplitName, { images: number; annotations: number }>>;
  readonly classes: readonly string[];
}

export function validateSynthOptions(o: SynthOptions): void {
  const bad = (key: string, why: string): never => {
    throw new Error(`synth option ${key} ${why}`);
  };
  if (!Number.isInteger(o.seed)) bad('seed', 'must be an integer');
  if (!Number.isInteger(o.images) || o.images < 6 || o.images > 20000)
    bad('images', 'must be an integer in 6..20000');
  if (!Number.isInteger(o.size) || o.size < 96 || o.size > 2048)
    bad('size', 'must be an integer in 96..2048');
  if (!(o.valFraction > 0 && o.testFraction > 0 && o.valFraction + o.testFraction < 0.9))
    bad('valFraction/testFraction', 'must be > 0 with a sum below 0.9');
  if (
    !Number.isInteger(o.maxObjectsPerImage) ||
    o.maxObjectsPerImage < 1 ||
    o.maxObjectsPerImage > 10
  )
    bad('maxObjectsPerImage', 'must be an integer in 1..10');
}

export async function synthesizeDataset(options: SynthOptions): Promise<SynthResult> {
  validateSynthOptions(options);
  const rng = createRng(options.seed);
  const photos = BACKGROUND_PHOTOS.filter((p) => fs.existsSync(path.join(options.photosDir, p)));
  if (photos.length === 0) throw new Error(`no background photos found in ${options.photosDir}`);
  const nTest = Math.max(1, Math.round(options.images * options.testFraction));
  const nVal = Math.max(1, Math.round(options.images * options.valFraction));
  const splitOf = (i: number): SplitName =>
    i < options.images - nVal - nTest ? 'train' : i < options.images - nTest ? 'val' : 'test';
  const categories = SHAPE_CLASSES.map((name, i) => ({ id: i + 1, name, supercategory: 'shape' }));
  const out: Record<SplitName, { images: CocoImage[]; annotations: CocoAnnotation[] }> = {
    train: { images: [], annotations: [] },
    val: { images: [], annotations: [] },
    test: { images: [], annotations: [] },
  };
  for (const split of SPLITS)
    fs.mkdirSync(path.join(options.outDir, 'images', split), { recursive: true });
  let annId = 1;
  for (let i = 0; i < options.images; i++) {
    const split = splitOf(i);
    const fileName = `${split}/${String(i + 1).padStart(5, '0')}.png`;
    const shapes = placeShapes(rng, options.size, options.maxObjectsPerImage);
    const background = await backgroundCrop(
      rng,
      path.join(options.photosDir, rng.pick(photos)),
      options.size,
    );
    const overlay = `<svg xmlns="http://www.w3.org/2000/svg" width="${options.size}" height="${options.size}">${shapes.map((s) => s.svg).join('')}</svg>`;
    const png = await sharp(background, {
      raw: { width: options.size, height: options.size, channels: 3 },
    })
      .composite([{ input: Buffer.from(overlay), left: 0, top: 0 }])
      .png({ compressionLevel: 6 })
      .toBuffer();
    fs.writeFileSync(path.join(options.outDir, 'images', fileName), png);
    out[split].images.push({
      id: i + 1,
      file_name: fileName,
      width: options.size,
      height: options.size,
    });
    for (const s of shapes) {
      const bbox = s.bbox.map((v) => Math.round(v * 100) / 100) as [number, number, number, number];
      out[split].annotations.push({
        id: annId++,
        image_id: i + 1,
        category_id: SHAPE_CLASSES.indexOf(s.cls) + 1,
        bbox,
        area: Math.round(bbox[2] * bbox[3] * 100) / 100,
        iscrowd: 0,
      });
    }
  }
  fs.mkdirSync(path.join(options.outDir, 'annotations'), { recursive: true });
  for (const split of SPLITS) {
    const coco: CocoDataset = {
      images: out[split].images,
      annotations: out[split].annotations,
      categories,
    };
    fs.writeFileSync(
      path.join(options.outDir, 'annotations', `${split}.json`),
      `${JSON.stringify(coco)}\n`,
    );
  }
  const count = (s: SplitName) => ({
    images: out[s].images.length,
    annotations: out[s].annotations.length,
  });
  return {
    outDir: options.outDir,
    splits: { train: count('train'), val: count('val'), test: count('test') },
    classes: [...SHAPE_CLASSES],
  };
}

/** 1..max shapes, fully inside the image and barely overlapping (so every box is visible). */
function placeShapes(rng: Rng, size: number, max: number): PlacedShape[] {
  const n = 1 + rng.int(max);
  const placed: PlacedShape[] = [];
  for (let attempt = 0; placed.length < n && attempt < 50; attempt++) {
    const cls = rng.pick(SHAPE_CLASSES);
    const radius = size * rng.range(0.06, 0.2);
    const angle = rng.range(0, Math.PI * 2);
    const ext = shapeExtent(cls, radius, angle);
    const minX = -Math.min(...ext.map((p) => p[0]));
    const maxX = Math.max(...ext.map((p) => p[0]));
    const minY = -Math.min(...ext.map((p) => p[1]));
    const maxY = Math.max(...ext.map((p) => p[1]));
    const cx = rng.range(minX + 1, size - maxX - 1);
    const cy = rng.range(minY + 1, size - maxY - 1);
    const shape = drawShape(rng, `${placed.length}`, cls, cx, cy, radius, angle);
    if (placed.every((p) => overlap(p.bbox, shape.bbox) < 0.05)) placed.push(shape);
  }
  return placed;
}

function overlap(a: readonly number[], b: readonly number[]): number {
  const iw = Math.min(a[0]! + a[2]!, b[0]! + b[2]!) - Math.max(a[0]!, b[0]!);
  const ih = Math.min(a[1]! + a[3]!, b[1]! + b[3]!) - Math.max(a[1]!, b[1]!);
  if (iw <= 0 || ih <= 0) return 0;
  return (iw * ih) / Math.min(a[2]! * a[3]!, b[2]! * b[3]!);
}

/** A random square crop of a photo, resized to size², as raw RGB. */
async function backgroundCrop(rng: Rng, file: string, size: number): Promise<Buffer> {
  const img = sharp(file).removeAlpha().toColourspace('srgb');
  const meta = await img.metadata();
  const w = meta.width ?? size;
  const h = meta.height ?? size;
  const side = Math.max(16, Math.floor(Math.min(w, h) * rng.range(0.55, 1)));
  const left = rng.int(w - side + 1);
  const top = rng.int(h - side + 1);
  const flip = rng.next() < 0.5;
  let pipeline = sharp(file)
    .removeAlpha()
    .extract({ left, top, width: side, height: side })
    .resize(size, size, { fit: 'fill' });
  if (flip) pipeline = pipeline.flop();
  const { data, info } = await pipeline
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels === 3) return data;
  // Grey photos: replicate the channel.
  const rgb = Buffer.alloc(size * size * 3);
  for (let i = 0; i < size * size; i++) {
    const v = data[i * info.channels]!;
    rgb[i * 3] = v;
    rgb[i * 3 + 1] = v;
    rgb[i * 3 + 2] = v;
  }
  return rgb;
}
