// Dataset versions: COCO validation, atomic publish, manifest and content fingerprint.
// Run on the filesystem (the .test.ts beside it) and on MinIO (test/integration/registry).
import { DatasetRegistry } from '../../../core/datasets';
import type { CocoDataset } from '../../../core/datasets';
import type { Storage } from '../../../core/storage/types';

function split(offset: number): CocoDataset {
  return {
    images: [{ id: 1, file_name: `img${offset}.png`, width: 40, height: 30 }],
    annotations: [{ id: 1, image_id: 1, category_id: 7, bbox: [1, 2, 10, 12] }],
    categories: [{ id: 7, name: 'widget' }],
  };
}

export function defineDatasetParity(makeStorage: () => Promise<Storage>): void {
  let datasets: DatasetRegistry;
  const images = { 'img0.png': Buffer.from('zero'), 'img1.png': Buffer.from('one') };

  beforeEach(async () => {
    datasets = new DatasetRegistry(await makeStorage());
  });

  it('publishes versions with a manifest whose fingerprint follows the content', async () => {
    const v1 = await datasets.publishDataset('widgets', {
      splits: { train: split(0), val: split(1) },
      images,
    });
    const v2 = await datasets.publishDataset('widgets', {
      splits: { train: split(0), val: split(1) },
      images,
    });
    const v3 = await datasets.publishDataset('widgets', {
      splits: { train: split(0), val: split(1) },
      images: { ...images, 'img1.png': Buffer.from('changed') },
    });
    expect([v1.version, v2.version, v3.version]).toEqual([1, 2, 3]);
    expect(v2.fingerprint).toBe(v1.fingerprint);
    expect(v3.fingerprint).not.toBe(v1.fingerprint);
    expect(v1.splits).toEqual({
      train: { images: 1, annotations: 1 },
      val: { images: 1, annotations: 1 },
    });
    expect(v1.categories).toEqual([{ id: 7, name: 'widget' }]);
    expect(await datasets.listDatasets()).toEqual(['widgets']);
    expect((await datasets.getDataset('widgets')).version).toBe(3);
    expect(await datasets.readAnnotations('widgets', 1, 'val')).toEqual(split(1));
    expect((await datasets.readImage('widgets', 3, 'img1.png')).toString()).toBe('changed');
  });

  it('rejects invalid COCO data, naming the problem, and publishes nothing', async () => {
    const bad = {
      ...split(0),
      annotations: [{ id: 1, image_id: 9, category_id: 7, bbox: [0, 0, 1, 1] }],
    } as CocoDataset;
    await expect(
      datasets.publishDataset('widgets', { splits: { train: bad }, images }),
    ).rejects.toThrow(/split train: annotation 1 refers to unknown image 9/);
    const noBox = {
      ...split(0),
      annotations: [{ id: 1, image_id: 1, category_id: 7, bbox: [0, 0, 0, 1] }],
    } as CocoDataset;
    await expect(
      datasets.publishDataset('widgets', { splits: { train: noBox }, images }),
    ).rejects.toThrow(/bbox/);
    await expect(
      datasets.publishDataset('widgets', { splits: { train: split(5) }, images }),
    ).rejects.toThrow(/img5.png was not provided/);
    await expect(
      datasets.publishDataset('../up', { splits: { train: split(0) }, images }),
    ).rejects.toThrow(/^invalid name/);
    expect(await datasets.listDatasets()).toEqual([]);
  });
}
