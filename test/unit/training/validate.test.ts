// Dataset validation: a clean dataset passes; each defect is reported by name.
import type { CocoDataset } from '../../../training/src/dataset/coco-types';
import { validateDataset } from '../../../training/src/pipeline/validate';

const categories = [
  { id: 1, name: 'star' },
  { id: 2, name: 'ring' },
];
function split(first: number, n: number): CocoDataset {
  const images = Array.from({ length: n }, (_, i) => ({
    id: first + i,
    file_name: `${first + i}.png`,
    width: 100,
    height: 80,
  }));
  const annotations = images.flatMap((img, i) => [
    {
      id: img.id * 10,
      image_id: img.id,
      category_id: 1,
      bbox: [10, 10, 20, 20] as const,
      area: 400,
      iscrowd: 0 as const,
    },
    {
      id: img.id * 10 + 1,
      image_id: img.id,
      category_id: 2,
      bbox: [50, 30, 20 + i, 20] as const,
      area: 400,
      iscrowd: 0 as const,
    },
  ]);
  return { images, annotations, categories };
}
const clean = { train: split(1, 6), val: split(100, 2), test: split(200, 2) };
const read = (f: string) => Buffer.from(`pixels of ${f}`);

describe('validateDataset', () => {
  it('passes a clean dataset and counts classes per split', () => {
    const r = validateDataset(clean, read);
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.classCounts.train).toEqual({ star: 6, ring: 6 });
  });

  it('reports boxes outside their image and unknown references', () => {
    const bad = structuredClone(clean) as typeof clean & { train: { annotations: unknown[] } };
    (bad.train.annotations as { bbox: number[]; image_id: number }[])[0]!.bbox = [90, 10, 20, 20];
    (bad.train.annotations as { bbox: number[]; image_id: number }[])[1]!.image_id = 999;
    const r = validateDataset(bad, read);
    expect(r.ok).toBe(false);
    expect(r.errors.join('\n')).toMatch(
      /train\.annotations\[0\]\.bbox .* outside its 100x80 image/,
    );
    expect(r.errors.join('\n')).toMatch(/train\.annotations\[1\]\.image_id 999/);
  });

  it('detects leakage: the same image content in train and test', () => {
    const r = validateDataset(clean, (f) =>
      Buffer.from(f === '200.png' ? 'pixels of 1.png' : `pixels of ${f}`),
    );
    expect(r.errors.join('\n')).toMatch(
      /leakage: test\/200\.png has the same content as train\/1\.png/,
    );
  });

  it('flags class imbalance and missing files', () => {
    const train = split(1, 6);
    const imbalanced = {
      ...clean,
      train: {
        ...train,
        annotations: train.annotations.filter((a) => a.category_id === 1 || a.image_id === 1),
      },
    };
    const r = validateDataset(imbalanced, (f) => {
      if (f === '101.png') throw new Error('ENOENT');
      return read(f);
    });
    expect(r.errors.join('\n')).toMatch(/class balance: ring has 1 training boxes/);
    expect(r.errors.join('\n')).toMatch(/file 101\.png is missing/);
  });
});
