import { retryAfterSeconds, type DomainError } from '../../domain/errors';
import { requestStatus, type RequestError } from '../../http/request-error';
import type { HandlerResult } from '../../http/types';

/** Akana's own refusals beside the domain's: a missing or wrong CSRF header, and a user who may not act on another. */
export type AkanaErrorCode = 'CSRF_INVALID' | 'NOT_PERMITTED';

// Akana answers a wrong content type or a wrong Accept header with 404 ("the message has the wrong content-type").
const STATUS_OVERRIDES = { UNSUPPORTED_MEDIA_TYPE: 404, NOT_ACCEPTABLE: 404 } as const;

const error = (status: number, message: string): HandlerResult => ({ status, body: { code: status, message } });

// Fixed messages where the domain's would name an account or say why a token failed: the client learns the status alone.
const FIXED: Readonly<Record<string, [number, string]>> = {
  INVALID_CREDENTIALS: [401, 'The e-mail address or password is not correct'],
  ACCOUNT_PENDING: [401, 'The e-mail address or password is not correct'],
  ACCOUNT_SUSPENDED: [401, 'The e-mail address or password is not correct'],
  TOKEN_MISSING: [401, 'Authentication (login) is required'],
  TOKEN_INVALID: [401, 'Authentication (login) is required'],
  TOKEN_EXPIRED: [401, 'Authentication (login) is required'],
  TOKEN_REVOKED: [401, 'Authentication (login) is required'],
  CODE_INVALID: [400, 'The code is not valid or has expired'],
  CODE_EXPIRED: [400, 'The code is not valid or has expired'],
  EMAIL_TAKEN: [400, 'A user with this e-mail address is already registered'],
  USERNAME_TAKEN: [400, 'A user with this e-mail address is already registered'],
  WRONG_OLD_PASSWORD: [400, 'The old password is not correct'],
  USER_NOT_FOUND: [404, 'No user has this UserID'],
};

/** `{code, message}`; Akana publishes no error body, so this one is the mock's (x-inferred in the spec). */
export function akanaError(err: DomainError<string> | RequestError): HandlerResult {
  if (err.name === 'RequestError') {
    const r = err as RequestError;
    return error(requestStatus(r.kind, STATUS_OVERRIDES), r.message);
  }
  const d = err as DomainError<string>;
  const fixed = FIXED[d.code];
  if (fixed) return error(fixed[0], fixed[1]);
  if (d.code === 'CSRF_INVALID') return error(401, d.message);
  if (d.code === 'NOT_PERMITTED') return error(403, d.message);
  if (d.code === 'RATE_LIMITED') {
    return { ...error(429, 'Too many activation requests for this address; try again later'), headers: { 'Retry-After': retryAfterSeconds(d) } };
  }
  return error(400, d.message);
}

/** A status forced by a fault rule or `Prefer: code=`, in the same envelope. */
export const akanaForcedError = (status: number, message: string): HandlerResult => error(status, message);
