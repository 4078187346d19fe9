// Mean luma (Rec. 601) of the image content inside the letterbox, sampled on a sparse grid: a
// drift signal that costs well under a millisecond per request.
import type { Letterbox } from './letterbox';

export function meanLuma(pixels: Uint8Array, inputWidth: number, lb: Letterbox, step = 4): number {
  let sum = 0;
  let n = 0;
  for (let y = lb.padTop; y < lb.padTop + lb.resizedHeight; y += step) {
    let i = (y * inputWidth + lb.padLeft) * 3;
    for (let x = 0; x < lb.resizedWidth; x += step, i += 3 * step) {
      sum += 0.299 * pixels[i]! + 0.587 * pixels[i + 1]! + 0.114 * pixels[i + 2]!;
      n += 1;
    }
  }
  return n === 0 ? 0 : sum / n;
}
