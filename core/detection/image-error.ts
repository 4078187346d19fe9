// Why an image was refused by prepareImage. Callers map the kind to their own surface: the
// serving API to an HTTP status, the training pipeline to a report naming the file.

export type ImageErrorKind = 'empty' | 'undecodable' | 'unsupported-format' | 'too-many-pixels';

export class ImageError extends Error {
  constructor(
    readonly kind: ImageErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ImageError';
  }
}
