// Runs an exported model exactly as serving does (serving's Detector: letterbox, graph, decoder,
// class-aware NMS) over a COCO split and returns COCO-style detections for evaluation.
import type * as tfjs from '@tensorflow/tfjs';
import type { DriftObservation } from '../../../core/monitoring/drift';
import type { ProcessingConfig } from '../../../core/registry/types';
import { meanLuma } from '../../../core/detection/brightness';
import { prepareImage } from '../../../core/detection/decode';
import { Detector } from '../../../core/detection/detector';
import type { CocoDataset } from '../dataset/coco-types';
import type { DetectionBox } from '../eval/types';

/** Low threshold: AP integrates over all scores (COCO keeps up to 100 per image). */
export const EVAL_SCORE_THRESHOLD = 0.01;

export async function predictSplit(
  tf: typeof tfjs,
  files: Readonly<Record<string, Buffer>>,
  entry: string,
  processing: ProcessingConfig,
  split: CocoDataset,
  readImage: (fileName: string) => Buffer,
  /** Receives what serving's drift monitor would see for each image (the version's baseline). */
  observe?: (o: DriftObservation) => void,
): Promise<DetectionBox[]> {
  const detector = await Detector.load(
    tf,
    {
      format: 'tfjs-graph',
      entry,
      read: async (p) => {
        const f = files[p];
        if (!f) throw new Error(`model file ${p} missing`);
        return f;
      },
    },
    processing,
  );
  // Category ids sorted ascending map to class indices 0..K-1 (see the label order).
  const categoryIds = [...split.categories].map((c) => c.id).sort((a, b) => a - b);
  const out: DetectionBox[] = [];
  try {
    for (const image of split.images) {
      const prepared = await prepareImage(readImage(image.file_name), {
        inputWidth: processing.inputWidth,
        inputHeight: processing.inputHeight,
        padValue: processing.padValue,
        maxPixels: 64e6,
      });
      const { detections } = await detector.detect(
        [prepared],
        [
          {
            scoreThreshold: EVAL_SCORE_THRESHOLD,
            iouThreshold: processing.iouThreshold,
            maxDetections: 100,
          },
        ],
      );
      if (observe) {
        // What serving returns by default: detections at or above the model's score threshold.
        const served = detections[0]!.filter((d) => d.score >= processing.scoreThreshold);
        observe({
          width: prepared.letterbox.srcWidth,
          height: prepared.letterbox.srcHeight,
          brightness: meanLuma(prepared.pixels, processing.inputWidth, prepared.letterbox),
          classIds: served.map((d) => d.classId),
          scores: served.map((d) => d.score),
        });
      }
      for (const d of detections[0]!) {
        const categoryId = categoryIds[d.classId];
        if (categoryId === undefined) continue;
        out.push({
          imageId: image.id,
          categoryId,
          bbox: [d.box.x, d.box.y, d.box.width, d.box.height],
          score: d.score,
        });
      }
    }
  } finally {
    detector.dispose();
  }
  return out;
}
