// Turns a COCO split into training samples: backbone features (one pass per image) and heatmap /
// box targets with the boxes mapped into the letterboxed model input.
import type { CocoDataset } from '../dataset/coco-types';
import type { Backbone } from './backbone';
import type { TrainSample } from './head-trainer';
import { buildTargets, type InputBox } from './targets';

export async function prepareSamples(
  backbone: Backbone,
  split: CocoDataset,
  readImage: (fileName: string) => Buffer,
  onImage?: (done: number, total: number) => void,
): Promise<TrainSample[]> {
  const categoryIds = [...split.categories].map((c) => c.id).sort((a, b) => a - b);
  const byImage = new Map<number, InputBox[]>();
  const samples: TrainSample[] = [];
  for (const a of split.annotations) {
    const list = byImage.get(a.image_id) ?? [];
    list.push({
      x1: a.bbox[0],
      y1: a.bbox[1],
      x2: a.bbox[0] + a.bbox[2],
      y2: a.bbox[1] + a.bbox[3],
      cls: categoryIds.indexOf(a.category_id),
    });
    byImage.set(a.image_id, list);
  }
  for (const [i, image] of split.images.entries()) {
    const { features, letterbox: lb } = await backbone.features(readImage(image.file_name));
    const sx = lb.resizedWidth / lb.srcWidth;
    const sy = lb.resizedHeight / lb.srcHeight;
    const boxes = (byImage.get(image.id) ?? []).map((b) => ({
      cls: b.cls,
      x1: b.x1 * sx + lb.padLeft,
      y1: b.y1 * sy + lb.padTop,
      x2: b.x2 * sx + lb.padLeft,
      y2: b.y2 * sy + lb.padTop,
    }));
    samples.push({ features, targets: buildTargets(boxes, categoryIds.length) });
    onImage?.(i + 1, split.images.length);
  }
  return samples;
}
