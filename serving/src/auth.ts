// Request authentication: optional API keys for inference (Authorization: Bearer <key> or
// X-API-Key), and a mandatory admin token for admin endpoints (disabled when none is set).
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { HttpError, unauthorized } from './errors';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Constant-time membership test (hashing first makes every comparison the same length). */
function matchesAny(presented: string, secrets: readonly string[]): boolean {
  const p = digest(presented);
  let ok = false;
  for (const s of secrets) ok = timingSafeEqual(p, digest(s)) || ok;
  return ok;
}

/** The credential in `Authorization: Bearer <key>` or `X-API-Key` (HTTP headers, gRPC metadata). */
function presentedCredential(headers: {
  authorization?: unknown;
  'x-api-key'?: unknown;
}): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim();
  const key = headers['x-api-key'];
  return typeof key === 'string' ? key : undefined;
}

/** Throws 401 unless one of `apiKeys` is presented; no keys configured means no check. */
export function checkApiKey(
  headers: { authorization?: unknown; 'x-api-key'?: unknown },
  apiKeys: readonly string[],
): void {
  if (apiKeys.length === 0) return;
  const c = presentedCredential(headers);
  if (!c || !matchesAny(c, apiKeys)) throw unauthorized('a valid API key is required');
}

/** preHandler for inference routes: a no-op when no API keys are configured. */
export function inferenceAuth(apiKeys: readonly string[]) {
  return async (req: FastifyRequest): Promise<void> => checkApiKey(req.headers, apiKeys);
}

/** preHandler for admin routes: always requires the admin token. */
export function adminAuth(adminToken: string | undefined) {
  return async (req: FastifyRequest): Promise<void> => {
    if (!adminToken) {
      throw new HttpError(
        403,
        'admin_disabled',
        'admin endpoints are disabled: no admin token is configured',
      );
    }
    const c = presentedCredential(req.headers);
    if (!c || !matchesAny(c, [adminToken])) throw unauthorized('the admin token is required');
  };
}
