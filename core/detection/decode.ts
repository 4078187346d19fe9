// Image decoding with sharp: sniff the format, enforce the decoded-pixel limit (decompression
// bombs), apply EXIF orientation, and letterbox into the model input as raw RGB bytes.
import sharp, { type Metadata } from 'sharp';
// Every request brings a new image: libvips' operation cache only holds memory (~20-40 MiB).
sharp.cache(false);
import { ImageError } from './image-error';
import { computeLetterbox, type Letterbox } from './letterbox';

export const SUPPORTED_FORMATS = ['jpeg', 'png', 'webp'] as const;
export const SUPPORTED_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export interface PreparedImage {
  /** RGB bytes, inputHeight × inputWidth × 3, letterboxed. */
  readonly pixels: Uint8Array;
  readonly letterbox: Letterbox;
  readonly format: string;
}

export interface PrepareOptions {
  readonly inputWidth: number;
  readonly inputHeight: number;
  readonly padValue: number;
  readonly maxPixels: number;
}

// sharp's metadata orientation values 5..8 swap width and height once applied.
const swapsAxes = (orientation: number | undefined): boolean => (orientation ?? 1) >= 5;

export async function prepareImage(body: Buffer, options: PrepareOptions): Promise<PreparedImage> {
  if (body.length === 0)
    throw new ImageError('empty', 'the request body is empty; send image bytes');
  let meta: Metadata;
  try {
    meta = await sharp(body, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageError('undecodable', 'the body is not a decodable JPEG, PNG or WebP image');
  }
  if (!meta.format || !(SUPPORTED_FORMATS as readonly string[]).includes(meta.format)) {
    throw new ImageError(
      'unsupported-format',
      `image format ${meta.format ?? 'unknown'} is not JPEG, PNG or WebP`,
    );
  }
  const rawW = meta.width ?? 0;
  const rawH = meta.height ?? 0;
  if (rawW * rawH > options.maxPixels) {
    throw new ImageError(
      'too-many-pixels',
      `image is ${rawW}x${rawH} pixels; the limit is ${options.maxPixels} decoded pixels`,
    );
  }
  const [width, height] = swapsAxes(meta.orientation) ? [rawH, rawW] : [rawW, rawH];
  const lb = computeLetterbox(width, height, options.inputWidth, options.inputHeight);
  const pad = { r: options.padValue, g: options.padValue, b: options.padValue };
  try {
    const { data, info } = await sharp(body, {
      limitInputPixels: options.maxPixels,
      failOn: 'truncated',
    })
      .rotate()
      .removeAlpha()
      .toColourspace('srgb')
      // Linear is ~4× cheaper than the default lanczos3 on downscales, with the same detections.
      .resize(lb.resizedWidth, lb.resizedHeight, { fit: 'fill', kernel: 'linear' })
      .extend({
        top: lb.padTop,
        bottom: lb.padBottom,
        left: lb.padLeft,
        right: lb.padRight,
        background: pad,
      })
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 || info.width !== options.inputWidth) {
      throw new Error(`unexpected decode result ${info.width}x${info.height}x${info.channels}`);
    }
    return {
      pixels: new Uint8Array(data.buffer, data.byteOffset, data.length),
      letterbox: lb,
      format: meta.format,
    };
  } catch {
    throw new ImageError(
      'undecodable',
      'the image could not be decoded (truncated or corrupt data)',
    );
  }
}
