import type { CompiledOperation } from '../../../contracts/core/compile';
import type { DomainError, DomainErrorCode } from '../../domain/errors';
import { requestStatus, type RequestError } from '../../http/request-error';
import type { HandlerResult } from '../../http/types';

/** The shared domain's codes and Edge Impulse's own. */
export type EdgeImpulseErrorCode = DomainErrorCode | 'JWT_REQUIRED' | 'PASSWORD_REQUIRED' | 'EMAIL_VERIFICATION_NOT_FOUND';

// The vendor answers business errors with 200 and `success: false`; only the
// statuses below differ, and they are marked x-inferred in the spec.
const DOMAIN_STATUS: Partial<Record<EdgeImpulseErrorCode, number>> = {
  TOKEN_MISSING: 401,
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_REVOKED: 401,
  JWT_REQUIRED: 401,
  INVALID_INPUT: 400,
};

// The messages clients match on: the TOTP one is documented to start with this text.
const DOMAIN_MESSAGE: Partial<Record<EdgeImpulseErrorCode, string>> = {
  TOTP_REQUIRED: 'ERR_TOTP_TOKEN IS REQUIRED - this account has multi-factor authentication enabled',
  TOTP_INVALID: 'ERR_TOTP_TOKEN IS INVALID',
  INVALID_CREDENTIALS: 'Username or password incorrect',
  CODE_INVALID: 'Invalid or expired code',
  CODE_EXPIRED: 'Invalid or expired code',
  JWT_REQUIRED: 'This function is only available through a JWT token; an API key is not accepted here',
  // Browsers send the cookie only to the host name that set it, and cross-origin only with credentials.
  TOKEN_MISSING:
    "This function is only available through a JWT token, and neither the jwt cookie nor the x-jwt-token header arrived. A browser sends the cookie only to the host that set it (localhost and 127.0.0.1 are different hosts) and, from another origin, only with credentials: 'include'",
  EMAIL_TAKEN: 'A user with this e-mail address already exists',
  USERNAME_TAKEN: 'Username is already in use',
  WRONG_OLD_PASSWORD: 'Current password is incorrect',
  // The vendor publishes no wording for these; the spec's examples show the mock's.
  PASSWORD_REQUIRED: 'Password is required',
  USER_NOT_FOUND: 'User not found',
  EMAIL_VERIFICATION_NOT_FOUND: 'Email verification request not found',
};

function isRequestError(err: DomainError<EdgeImpulseErrorCode> | RequestError): err is RequestError {
  return err.name === 'RequestError';
}

/** `{success: false, error}`, the envelope of every Edge Impulse answer. */
export function edgeImpulseError(err: DomainError<EdgeImpulseErrorCode> | RequestError, _op?: CompiledOperation): HandlerResult {
  if (isRequestError(err)) {
    return { status: requestStatus(err.kind), body: { success: false, error: err.message } };
  }
  return { status: DOMAIN_STATUS[err.code] ?? 200, body: { success: false, error: DOMAIN_MESSAGE[err.code] ?? err.message } };
}

/** A status forced by a fault rule or `Prefer: code=`, in the same envelope. */
export const edgeImpulseForcedError = (status: number, message: string): HandlerResult => ({ status, body: { success: false, error: message } });
