// HTTP errors as gRPC statuses (the mapping gRPC's own HTTP gateway documents, in reverse).
import { status, type ServiceError } from '@grpc/grpc-js';
import { HttpError } from '../errors';

const BY_HTTP: Readonly<Record<number, status>> = {
  400: status.INVALID_ARGUMENT,
  401: status.UNAUTHENTICATED,
  403: status.PERMISSION_DENIED,
  404: status.NOT_FOUND,
  409: status.ALREADY_EXISTS,
  413: status.RESOURCE_EXHAUSTED,
  415: status.INVALID_ARGUMENT,
  422: status.INVALID_ARGUMENT,
  503: status.UNAVAILABLE,
  504: status.DEADLINE_EXCEEDED,
};

/** The status a failed call ends with; anything but an HttpError is INTERNAL, logged, not shown. */
export function grpcErrorOf(err: unknown, log?: (err: unknown) => void): Partial<ServiceError> {
  if (err instanceof HttpError)
    return { code: BY_HTTP[err.statusCode] ?? status.UNKNOWN, details: err.message };
  log?.(err);
  return { code: status.INTERNAL, details: 'internal server error' };
}
