// The synthetic dataset: seeded (same seed → identical bytes), exact boxes inside the images,
// every split populated, only the new classes.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensurePhotos, photosMissingReason } from '../../../core/sample-photos';
import type { CocoDataset } from '../../../training/src/dataset/coco-types';
import { DEFAULT_SYNTH, synthesizeDataset } from '../../../training/src/synth/synth-dataset';
import { describeWhen } from '../../helpers/requirements';

function digest(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string): void => {
    for (const f of fs.readdirSync(d).sort()) {
      const p = path.join(d, f);
      if (fs.statSync(p).isDirectory()) walk(p);
      else hash.update(f).update(fs.readFileSync(p));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

describeWhen(photosMissingReason())('synthesizeDataset', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const make = (seed: number, name: string) =>
    synthesizeDataset({
      ...DEFAULT_SYNTH,
      seed,
      images: 10,
      size: 128,
      photosDir: ensurePhotos().dir!,
      outDir: path.join(root, name),
    });

  it('is reproducible for a seed and differs across seeds', async () => {
    await make(3, 'a');
    await make(3, 'b');
    await make(4, 'c');
    expect(digest(path.join(root, 'a'))).toBe(digest(path.join(root, 'b')));
    expect(digest(path.join(root, 'a'))).not.toBe(digest(path.join(root, 'c')));
  });

  it('writes COCO splits with boxes inside the images and only the new classes', async () => {
    const result = await make(5, 'd');
    expect(result.splits.train.images + result.splits.val.images + result.splits.test.images).toBe(
      10,
    );
    const ids = new Set<number>();
    for (const split of ['train', 'val', 'test'] as const) {
      const coco = JSON.parse(
        fs.readFileSync(path.join(root, 'd', 'annotations', `${split}.json`), 'utf8'),
      ) as CocoDataset;
      expect(coco.images.length).toBeGreaterThan(0);
      expect(coco.categories.map((c) => c.name)).toEqual(['star', 'ring', 'cross']);
      for (const img of coco.images) {
        expect(ids.has(img.id)).toBe(false); // no image in two splits
        ids.add(img.id);
        expect(fs.existsSync(path.join(root, 'd', 'images', img.file_name))).toBe(true);
      }
      for (const a of coco.annotations) {
        const [x, y, w, h] = a.bbox;
        expect(x).toBeGreaterThanOrEqual(0);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(x + w).toBeLessThanOrEqual(128);
        expect(y + h).toBeLessThanOrEqual(128);
        expect(w * h).toBeGreaterThan(0);
      }
    }
  });

  it('rejects bad options naming the field', async () => {
    await expect(make(1.5, 'e')).rejects.toThrow(/seed/);
  });
});
