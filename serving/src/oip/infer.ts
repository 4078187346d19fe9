// One Open Inference Protocol inference, whatever the transport (HTTP or gRPC): the photos of a
// parsed request detected together (one admission, one version), as the protocol's tensors.
import type { DetectResponse, DetectService } from '../inference/detect-service';
import type { OipInferRequest } from './request';
import { outputTensors, type OipTensor } from './response';

export interface OipInferResult {
  readonly results: DetectResponse[];
  readonly modelVersion: string;
  readonly tensors: OipTensor[];
}

export async function runOipInfer(
  detect: DetectService,
  model: string,
  version: number | undefined,
  r: Pick<OipInferRequest, 'images' | 'threshold' | 'maxDetections' | 'label'>,
): Promise<OipInferResult> {
  const results = await detect.detectMany({
    model,
    version,
    // A version in the path wins over a label parameter.
    label: version === undefined ? r.label : undefined,
    images: r.images,
    threshold: r.threshold,
    maxDetections: r.maxDetections,
  });
  return {
    results,
    modelVersion: String(results[0].model.version),
    tensors: outputTensors(results),
  };
}
