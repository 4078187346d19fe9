// Letterbox geometry: fit an image into the model input keeping its aspect ratio, pad the rest,
// and map boxes from input pixels back to original-image pixels. Pure math, unit-tested.

export interface Letterbox {
  /** Original (EXIF-oriented) image size. */
  readonly srcWidth: number;
  readonly srcHeight: number;
  /** Size the image is resized to before padding. */
  readonly resizedWidth: number;
  readonly resizedHeight: number;
  /** Padding added on each side to reach the model input size. */
  readonly padLeft: number;
  readonly padTop: number;
  readonly padRight: number;
  readonly padBottom: number;
  /** resized / original (same on both axes up to rounding). */
  readonly scale: number;
}

export function computeLetterbox(
  srcWidth: number,
  srcHeight: number,
  dstWidth: number,
  dstHeight: number,
): Letterbox {
  if (!(srcWidth > 0 && srcHeight > 0)) {
    throw new RangeError(`image size must be positive, got ${srcWidth}x${srcHeight}`);
  }
  const scale = Math.min(dstWidth / srcWidth, dstHeight / srcHeight);
  const resizedWidth = Math.max(1, Math.min(dstWidth, Math.round(srcWidth * scale)));
  const resizedHeight = Math.max(1, Math.min(dstHeight, Math.round(srcHeight * scale)));
  const padLeft = Math.floor((dstWidth - resizedWidth) / 2);
  const padTop = Math.floor((dstHeight - resizedHeight) / 2);
  return Object.freeze({
    srcWidth,
    srcHeight,
    resizedWidth,
    resizedHeight,
    padLeft,
    padTop,
    padRight: dstWidth - resizedWidth - padLeft,
    padBottom: dstHeight - resizedHeight - padTop,
    scale,
  });
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** Maps corners (x1, y1, x2, y2) in model-input pixels to a clipped box in original pixels. */
export function unletterboxBox(lb: Letterbox, x1: number, y1: number, x2: number, y2: number): Box {
  const sx = lb.srcWidth / lb.resizedWidth;
  const sy = lb.srcHeight / lb.resizedHeight;
  const left = clamp((Math.min(x1, x2) - lb.padLeft) * sx, 0, lb.srcWidth);
  const top = clamp((Math.min(y1, y2) - lb.padTop) * sy, 0, lb.srcHeight);
  const right = clamp((Math.max(x1, x2) - lb.padLeft) * sx, 0, lb.srcWidth);
  const bottom = clamp((Math.max(y1, y2) - lb.padTop) * sy, 0, lb.srcHeight);
  return { x: left, y: top, width: right - left, height: bottom - top };
}
