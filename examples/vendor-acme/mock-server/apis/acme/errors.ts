import { type DomainError } from '../../domain/errors';
import { requestStatus, type RequestError } from '../../http/request-error';
import type { HandlerResult } from '../../http/types';

const error = (status: number, reason: string, message: string): HandlerResult => ({ status, body: { error: reason, message } });

// Acme says 415 for a body that is not JSON, where the shared default is 400.
const STATUS_OVERRIDES = { UNSUPPORTED_MEDIA_TYPE: 415 } as const;

const REQUEST_REASON: Record<RequestError['kind'], string> = {
  MALFORMED_BODY: 'invalid_request',
  VALIDATION: 'invalid_request',
  UNSUPPORTED_MEDIA_TYPE: 'unsupported_media_type',
  UNSUPPORTED_ENCODING: 'unsupported_media_type',
  NOT_ACCEPTABLE: 'not_acceptable',
  PAYLOAD_TOO_LARGE: 'payload_too_large',
  METHOD_NOT_ALLOWED: 'method_not_allowed',
};

/** `{error, message}`, the envelope of every Acme error. */
export function acmeError(err: DomainError<string> | RequestError): HandlerResult {
  if (err.name === 'RequestError') {
    const r = err as RequestError;
    return error(requestStatus(r.kind, STATUS_OVERRIDES), REQUEST_REASON[r.kind], r.message);
  }
  const d = err as DomainError;
  switch (d.code) {
    case 'INVALID_CREDENTIALS':
    case 'ACCOUNT_PENDING':
    case 'ACCOUNT_SUSPENDED':
      return error(401, 'unauthorized', 'The e-mail address or password is not correct');
    case 'TOKEN_MISSING':
    case 'TOKEN_INVALID':
    case 'TOKEN_EXPIRED':
    case 'TOKEN_REVOKED':
      return error(401, 'unauthorized', d.message);
    case 'EMAIL_TAKEN':
      return error(409, 'email_taken', 'An account with this address exists');
    case 'CODE_INVALID':
    case 'CODE_EXPIRED':
      return error(400, 'invalid_code', 'The code is not valid or has expired');
    default:
      return error(400, 'invalid_request', d.message);
  }
}

/** A status forced by a fault rule or `Prefer: code=`, in the same envelope. */
export const acmeForcedError = (status: number, message: string): HandlerResult => error(status, 'forced', message);
