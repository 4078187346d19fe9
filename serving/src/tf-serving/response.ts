// TF Serving REST responses: predictions (row or columnar) with the TF Object Detection API's
// output names, and model metadata shaped as TF Serving's GetModelMetadata answers it.
import type { DetectResponse } from '../inference/detect-service';
import { TFS_INPUT } from './request';

/** One image's outputs; boxes as [ymin, xmin, ymax, xmax] normalised to the image. */
function prediction(r: DetectResponse) {
  return {
    detection_boxes: r.detections.map((d) => [
      d.box.y / r.image.height,
      d.box.x / r.image.width,
      (d.box.y + d.box.height) / r.image.height,
      (d.box.x + d.box.width) / r.image.width,
    ]),
    detection_scores: r.detections.map((d) => d.score),
    detection_classes: r.detections.map((d) => d.classId),
    detection_labels: r.detections.map((d) => d.label),
    num_detections: r.detections.length,
  };
}

type Prediction = ReturnType<typeof prediction>;

export function predictResponse(results: readonly DetectResponse[], format: 'row' | 'columnar') {
  const rows = results.map(prediction);
  if (format === 'row') return { predictions: rows };
  const keys = Object.keys(rows[0]) as (keyof Prediction)[];
  return { outputs: Object.fromEntries(keys.map((k) => [k, rows.map((r) => r[k])])) };
}

const tensor = (dtype: string, dims: number[], name: string) => ({
  dtype,
  tensor_shape: {
    dim: dims.map((size) => ({ size: String(size), name: '' })),
    unknown_rank: false,
  },
  name,
});

/** GET /v1/models/{name}[/versions/{v}]/metadata: the one signature, `serving_default`. */
export function modelMetadataResponse(name: string, version: number) {
  return {
    model_spec: { name, signature_name: '', version: String(version) },
    metadata: {
      signature_def: {
        signature_def: {
          serving_default: {
            inputs: { [TFS_INPUT]: tensor('DT_STRING', [-1], `${TFS_INPUT}:0`) },
            outputs: {
              detection_boxes: tensor('DT_FLOAT', [-1, -1, 4], 'detection_boxes:0'),
              detection_scores: tensor('DT_FLOAT', [-1, -1], 'detection_scores:0'),
              detection_classes: tensor('DT_INT32', [-1, -1], 'detection_classes:0'),
              detection_labels: tensor('DT_STRING', [-1, -1], 'detection_labels:0'),
              num_detections: tensor('DT_INT32', [-1], 'num_detections:0'),
            },
            method_name: 'tensorflow/serving/predict',
          },
        },
      },
    },
  };
}
