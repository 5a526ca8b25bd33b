import { retryAfterSeconds, type DomainError } from '../../domain/errors';
import { requestStatus, type RequestError } from '../../http/request-error';
import type { HandlerResult } from '../../http/types';

// Akana answers a wrong content type or a wrong Accept header with 404 ("the message has the wrong content-type").
const STATUS_OVERRIDES = { UNSUPPORTED_MEDIA_TYPE: 404, NOT_ACCEPTABLE: 404 } as const;

const error = (status: number, message: string): HandlerResult => ({ status, body: { code: status, message } });

/** `{code, message}`; Akana publishes no error body, so this one is the mock's (x-inferred in the spec). */
export function akanaError(err: DomainError | RequestError): HandlerResult {
  if (err.name === 'RequestError') {
    const r = err as RequestError;
    return error(requestStatus(r.kind, STATUS_OVERRIDES), r.message);
  }
  const d = err as DomainError;
  if (d.code === 'INVALID_CREDENTIALS' || d.code === 'ACCOUNT_PENDING' || d.code === 'ACCOUNT_SUSPENDED') {
    return error(401, 'The e-mail address or password is not correct');
  }
  if (d.code === 'CODE_INVALID' || d.code === 'CODE_EXPIRED') return error(400, 'The code is not valid or has expired');
  if (d.code === 'RATE_LIMITED') {
    return { ...error(429, 'Too many activation requests for this address; try again later'), headers: { 'Retry-After': retryAfterSeconds(d) } };
  }
  return error(400, d.message);
}

/** A status forced by a fault rule or `Prefer: code=`, in the same envelope. */
export const akanaForcedError = (status: number, message: string): HandlerResult => error(status, message);
