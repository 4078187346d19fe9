import { CENTERNET_PROCESSING } from '../../../core/detection/default-model';
import { computeLetterbox } from '../../../core/detection/letterbox';
import { decodeDetections } from '../../../core/detection/postprocess';

const opts = { scoreThreshold: 0.3, iouThreshold: 0.5, maxDetections: 100 };

describe('decodeDetections', () => {
  const lb = computeLetterbox(1024, 512, 512, 512); // scale 0.5, 128 px padding top/bottom

  it('decodes [N, 6] rows, thresholds, labels and maps boxes to original pixels', () => {
    const rows = new Float32Array([
      10,
      138,
      110,
      238,
      0.9,
      0, // person: 20,20 .. 220,220 in the original
      0,
      0,
      5,
      5,
      0.1,
      2, // below threshold
      300,
      200,
      400,
      300,
      0.4,
      41, // cup
    ]);
    const d = decodeDetections([rows], CENTERNET_PROCESSING, lb, opts);
    expect(d.map((x) => x.label)).toEqual(['person', 'cup']);
    expect(d[0].box.x).toBeCloseTo(20);
    expect(d[0].box.y).toBeCloseTo(20);
    expect(d[0].box.width).toBeCloseTo(200);
    expect(d[0].classId).toBe(0);
  });

  it('decodes the boxes/scores/classes format (normalised ymin, xmin, ymax, xmax)', () => {
    const processing = { ...CENTERNET_PROCESSING, outputFormat: 'boxes-scores-classes' as const };
    const boxes = new Float32Array([0.25, 0, 0.75, 1]); // the whole resized image area
    const d = decodeDetections(
      [boxes, new Float32Array([0.8]), new Float32Array([2])],
      processing,
      lb,
      opts,
    );
    expect(d).toHaveLength(1);
    expect(d[0].label).toBe('car');
    expect(d[0].box.width).toBeCloseTo(1024);
    expect(d[0].box.height).toBeCloseTo(512);
  });

  it('names unknown class ids instead of crashing', () => {
    const d = decodeDetections(
      [new Float32Array([0, 128, 10, 138, 0.9, 500])],
      CENTERNET_PROCESSING,
      lb,
      opts,
    );
    expect(d[0].label).toBe('class_500');
  });
});
