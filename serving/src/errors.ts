import { ImageError, type ImageErrorKind } from '../../core/detection/image-error';

// Errors the HTTP layer turns into `{ error, message }` JSON: client errors carry a status and a
// stable machine-readable code; anything else becomes a 500 whose details stay in the logs.

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string): HttpError =>
  new HttpError(400, 'bad_request', message);
export const notFound = (message: string): HttpError => new HttpError(404, 'not_found', message);
export const unsupportedMediaType = (message: string): HttpError =>
  new HttpError(415, 'unsupported_media_type', message);
export const payloadTooLarge = (message: string): HttpError =>
  new HttpError(413, 'payload_too_large', message);
export const unprocessable = (message: string): HttpError =>
  new HttpError(422, 'unprocessable_image', message);
export const unauthorized = (message: string): HttpError =>
  new HttpError(401, 'unauthorized', message, { 'www-authenticate': 'Bearer' });
export const overloaded = (retryAfterSeconds: number): HttpError =>
  new HttpError(503, 'overloaded', 'the inference queue is full; retry later', {
    'retry-after': String(retryAfterSeconds),
  });
export const notReady = (message: string): HttpError =>
  new HttpError(503, 'not_ready', message, { 'retry-after': '1' });
/** The inference engine lost a thread (crash, stall) or is restarting one: retry shortly. */
export const engineUnavailable = (message: string): HttpError =>
  new HttpError(503, 'engine_unavailable', message, { 'retry-after': '1' });
export const timedOut = (message: string): HttpError => new HttpError(504, 'timeout', message);

const IMAGE_ERROR_STATUS: Readonly<Record<ImageErrorKind, (message: string) => HttpError>> = {
  empty: unprocessable,
  undecodable: unprocessable,
  'unsupported-format': unsupportedMediaType,
  'too-many-pixels': payloadTooLarge,
};

/** An image refused by the decoder becomes its HTTP error (415, 413 or 422); others pass. */
export function httpErrorOfImage(err: unknown): unknown {
  return err instanceof ImageError ? IMAGE_ERROR_STATUS[err.kind](err.message) : err;
}
