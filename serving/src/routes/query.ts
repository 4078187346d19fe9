// Shared parsing of the routing/threshold query parameters (model, version|label, threshold,
// maxDetections) with 400 errors that name the bad parameter.
import { badRequest } from '../errors';

export interface DetectQuery {
  readonly model?: string;
  readonly version?: number;
  readonly label?: string;
  readonly threshold?: number;
  readonly maxDetections?: number;
}

const num = (q: Record<string, unknown>, key: string): number | undefined => {
  const v = q[key];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || !Number.isFinite(n)) throw badRequest(`${key} must be a number`);
  return n;
};

export function parseVersion(value: unknown, key = 'version'): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw badRequest(`${key} must be a positive integer`);
  return n;
}

export function parseDetectQuery(query: unknown): DetectQuery {
  const q = (query ?? {}) as Record<string, unknown>;
  for (const key of ['model', 'label']) {
    if (q[key] !== undefined && typeof q[key] !== 'string')
      throw badRequest(`${key} must be given once`);
  }
  const version = parseVersion(q.version);
  const label = (q.label as string | undefined) || undefined;
  if (version !== undefined && label !== undefined)
    throw badRequest('give either version or label, not both');
  return {
    model: (q.model as string | undefined) || undefined,
    version,
    label,
    threshold: num(q, 'threshold'),
    maxDetections: num(q, 'maxDetections'),
  };
}
