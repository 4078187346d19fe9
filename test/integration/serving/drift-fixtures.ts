// Drift fixtures shared by the drift and feedback-loop tests: a baseline as if the evaluation data
// looked like the astronaut photo (size, brightness, one confident person), and a dark variant.
import sharp from 'sharp';
import { baselineFrom, type DriftBaseline } from '../../../core/monitoring/drift';
import { readPhoto } from '../../helpers/photos';

export async function meanLumaOf(png: Buffer): Promise<number> {
  const { channels } = await sharp(png).removeAlpha().stats();
  return 0.299 * channels[0]!.mean + 0.587 * channels[1]!.mean + 0.114 * channels[2]!.mean;
}

export async function astronautDrift(): Promise<{
  photo: Buffer;
  dark: Buffer;
  baseline: DriftBaseline;
}> {
  const photo = readPhoto('astronaut.png');
  const brightness = await meanLumaOf(photo);
  const baseline = baselineFrom(
    Array.from({ length: 200 }, () => ({
      width: 512,
      height: 512,
      brightness,
      classIds: [0],
      scores: [0.62],
    })),
    80,
  );
  const dark = await sharp(photo).linear(0.12, 0).png().toBuffer();
  return { photo, dark, baseline };
}
