// The input tensor the detector hands the model: letterboxed RGB bytes widened to the model's
// dtype, with the processing config's scale and offset applied, images stacked on the batch axis.
import * as tf from '@tensorflow/tfjs';
import { CENTERNET_PROCESSING } from '../../../core/detection/default-model';
import type { PreparedImage } from '../../../core/detection/decode';
import { Detector } from '../../../core/detection/detector';
import { computeLetterbox } from '../../../core/detection/letterbox';
import type { ProcessingConfig } from '../../../core/registry/types';

const SIZE = 2;

function image(bytes: number[]): PreparedImage {
  return {
    pixels: Uint8Array.from(bytes),
    letterbox: computeLetterbox(SIZE, SIZE, SIZE, SIZE),
    format: 'png',
  };
}

async function seenInput(
  processing: Partial<ProcessingConfig>,
  images: PreparedImage[],
  inputDtype?: string,
): Promise<{ dtype: string; shape: number[]; values: number[] }> {
  let seen: { dtype: string; shape: number[]; values: number[] } | undefined;
  const loader = {
    loadSavedModel: async () => ({
      predict: (x: tf.Tensor | tf.NamedTensorMap) => {
        const t = x as tf.Tensor;
        seen = { dtype: t.dtype, shape: t.shape, values: Array.from(t.dataSync()) };
        return tf.zeros([t.shape[0]!, 100, 6]);
      },
      dispose: () => undefined,
    }),
  };
  const detector = await Detector.load(
    tf,
    {
      format: 'tf-saved-model',
      entry: '',
      read: async () => Buffer.alloc(0),
      inputDtype,
      localDir: async () => '/unused',
    },
    {
      ...CENTERNET_PROCESSING,
      inputWidth: SIZE,
      inputHeight: SIZE,
      maxBatch: 8,
      ...processing,
    } as ProcessingConfig,
    loader,
  );
  const options = images.map(() => ({ scoreThreshold: 0.5, iouThreshold: 0.5, maxDetections: 10 }));
  await detector.detect(images, options);
  detector.dispose();
  return seen!;
}

const bytes = (start: number) => Array.from({ length: SIZE * SIZE * 3 }, (_, i) => start + i * 20);

describe('detector input tensor', () => {
  beforeAll(async () => {
    // The pure-JS backend: tfjs's advice to install tfjs-node is noise here.
    tf.env().set('IS_TEST', true);
    await tf.setBackend('cpu');
  });

  it('passes raw 0..255 values as float32 when scale is 1 and offset 0', async () => {
    const seen = await seenInput({}, [image(bytes(0))]);
    expect(seen.dtype).toBe('float32');
    expect(seen.shape).toEqual([1, SIZE, SIZE, 3]);
    expect(seen.values).toEqual(bytes(0));
  });

  it('applies scale and offset (e.g. 0..255 to -1..1)', async () => {
    const seen = await seenInput({ scale: 2 / 255, offset: -1 }, [
      image([0, 255, 51, ...bytes(3).slice(3)]),
    ]);
    expect(seen.values[0]).toBeCloseTo(-1, 6);
    expect(seen.values[1]).toBeCloseTo(1, 6);
    expect(seen.values[2]).toBeCloseTo(-0.6, 6);
  });

  it('takes integer inputs as int32 without scaling (SavedModels from the TF OD API)', async () => {
    const seen = await seenInput({ scale: 2 / 255, offset: -1 }, [image(bytes(1))], 'uint8');
    expect(seen.dtype).toBe('int32');
    expect(seen.values).toEqual(bytes(1));
  });
});
