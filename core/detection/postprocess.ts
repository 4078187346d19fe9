// Post-processing on typed arrays: decode a model's raw outputs for one image into candidates,
// map boxes back to original pixels, apply the score threshold, class-aware NMS and the cap.
import type { ProcessingConfig } from '../registry/types';
import { type Box, type Letterbox, unletterboxBox } from './letterbox';
import { classAwareNms } from './nms';

export interface Detection {
  readonly label: string;
  readonly classId: number;
  readonly score: number;
  readonly box: Box;
}

export interface DetectOptions {
  readonly scoreThreshold: number;
  readonly iouThreshold: number;
  readonly maxDetections: number;
}

/**
 * Raw outputs of one image, in the order of ProcessingConfig.outputNames:
 * - 'detections': one array of N rows × 6 (x1, y1, x2, y2 in input pixels, score, class);
 * - 'boxes-scores-classes': boxes N × 4 (ymin, xmin, ymax, xmax normalised to 0..1 of the
 *   input), scores N, classes N (TF Object Detection API convention).
 */
export type RawOutputs = readonly Float32Array[];

export function decodeDetections(
  raw: RawOutputs,
  processing: ProcessingConfig,
  letterbox: Letterbox,
  options: DetectOptions,
): Detection[] {
  const candidates: Detection[] = [];
  const push = (
    classValue: number,
    score: number,
    x1: number,
    y1: number,
    x2: number,
    y2: number,
  ) => {
    if (!(score >= options.scoreThreshold) || !Number.isFinite(classValue)) return;
    const classId = Math.round(classValue);
    const box = unletterboxBox(letterbox, x1, y1, x2, y2);
    if (box.width <= 0 || box.height <= 0) return;
    const label = processing.labels[classId] ?? `class_${classId}`;
    candidates.push({ label, classId, score, box });
  };
  if (processing.outputFormat === 'detections') {
    const rows = raw[0] ?? new Float32Array();
    for (let i = 0; i + 6 <= rows.length; i += 6) {
      push(rows[i + 5], rows[i + 4], rows[i], rows[i + 1], rows[i + 2], rows[i + 3]);
    }
  } else {
    const [boxes = new Float32Array(), scores = new Float32Array(), classes = new Float32Array()] =
      raw;
    const w = processing.inputWidth;
    const h = processing.inputHeight;
    for (let i = 0; i < scores.length && 4 * i + 3 < boxes.length; i++) {
      const [ymin, xmin, ymax, xmax] = boxes.subarray(4 * i, 4 * i + 4);
      push(classes[i], scores[i], xmin * w, ymin * h, xmax * w, ymax * h);
    }
  }
  return classAwareNms(candidates, options.iouThreshold, options.maxDetections);
}
