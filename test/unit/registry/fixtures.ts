// Sample model metadata and files for the registry tests.
import type { ModelMetadataInput } from '../../../core/registry/model-registry';

export function sampleMetadata(overrides: Partial<ModelMetadataInput> = {}): ModelMetadataInput {
  return {
    format: 'tfjs-graph',
    entry: 'model.json',
    signature: {
      inputs: [{ name: 'images', dtype: 'float32', shape: [1, 64, 64, 3] }],
      outputs: [{ name: 'detections', dtype: 'float32', shape: [1, 10, 6] }],
    },
    processing: {
      inputWidth: 64,
      inputHeight: 64,
      scale: 1,
      offset: 0,
      padValue: 0,
      outputFormat: 'detections',
      inputName: 'images',
      outputNames: ['detections'],
      labels: ['cat', 'dog'],
      scoreThreshold: 0.3,
      iouThreshold: 0.5,
      maxDetections: 10,
    },
    metrics: { AP: 0.3, AP50: 0.5 },
    ...overrides,
  };
}

/** Distinct model files whose contents identify the publisher and attempt. */
export function sampleFiles(tag: string, weightBytes = 2048): Record<string, Buffer> {
  const weights = Buffer.alloc(weightBytes);
  for (let i = 0; i < weightBytes; i++)
    weights[i] = (i * 31 + tag.length * 7 + tag.charCodeAt(0)) & 0xff;
  return {
    'model.json': Buffer.from(JSON.stringify({ tag, weightsManifest: ['group1-shard1of1.bin'] })),
    'group1-shard1of1.bin': Buffer.concat([Buffer.from(tag), weights]),
  };
}
