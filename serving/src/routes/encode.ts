// Helpers shared by the TF Serving and KServe routes: base64 image payload validation.
import { badRequest } from '../errors';

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Decodes a base64 image string; `where` names the field in the error message. */
export function decodeBase64Image(value: unknown, where: string): Buffer {
  if (typeof value !== 'string' || value.length === 0) {
    throw badRequest(`${where} must be a non-empty base64 string`);
  }
  const compact = value.replace(/\s+/g, '');
  if (!BASE64.test(compact)) throw badRequest(`${where} is not valid base64`);
  return Buffer.from(
    compact,
    compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64',
  );
}
