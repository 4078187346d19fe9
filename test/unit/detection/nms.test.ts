import { classAwareNms, iou } from '../../../core/detection/nms';

const box = (x: number, y: number, w: number, h: number) => ({ x, y, width: w, height: h });

describe('class-aware NMS', () => {
  it('computes IoU', () => {
    expect(iou(box(0, 0, 10, 10), box(0, 0, 10, 10))).toBe(1);
    expect(iou(box(0, 0, 10, 10), box(5, 0, 10, 10))).toBeCloseTo(50 / 150);
    expect(iou(box(0, 0, 10, 10), box(20, 20, 5, 5))).toBe(0);
  });

  it('drops a lower-scoring overlapping box of the same class only', () => {
    const kept = classAwareNms(
      [
        { classId: 0, score: 0.6, box: box(1, 1, 10, 10) },
        { classId: 0, score: 0.9, box: box(0, 0, 10, 10) },
        { classId: 1, score: 0.5, box: box(0, 0, 10, 10) },
      ],
      0.5,
      10,
    );
    expect(kept.map((k) => [k.classId, k.score])).toEqual([
      [0, 0.9],
      [1, 0.5],
    ]);
  });

  it('keeps non-overlapping boxes and respects maxDetections', () => {
    const many = [0, 20, 40, 60].map((x, i) => ({
      classId: 0,
      score: 0.5 + i / 10,
      box: box(x, 0, 10, 10),
    }));
    expect(classAwareNms(many, 0.5, 10)).toHaveLength(4);
    expect(classAwareNms(many, 0.5, 2).map((k) => k.score)).toEqual([0.8, 0.7]);
  });
});
