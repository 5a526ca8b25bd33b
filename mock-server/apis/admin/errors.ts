import type { DomainError, DomainErrorCode } from '../../domain/errors';
import { problem } from '../../http/problem';
import type { RequestError, RequestErrorKind } from '../../http/request-error';
import type { HandlerResult } from '../../http/types';

const REQUEST_STATUS: Record<RequestErrorKind, number> = {
  MALFORMED_BODY: 400,
  VALIDATION: 400,
  UNSUPPORTED_MEDIA_TYPE: 400,
  UNSUPPORTED_ENCODING: 415,
  NOT_ACCEPTABLE: 400,
  PAYLOAD_TOO_LARGE: 413,
  METHOD_NOT_ALLOWED: 405,
};

const DOMAIN_STATUS: Partial<Record<DomainErrorCode, number>> = { EMAIL_TAKEN: 409, USERNAME_TAKEN: 409, USER_NOT_FOUND: 404 };

/** RFC 9457 problem details, naming each bad field. */
export function adminError(err: DomainError | RequestError): HandlerResult {
  if (err.name === 'RequestError') {
    const r = err as RequestError;
    return problem(REQUEST_STATUS[r.kind], r.message, r.fields.length ? { errors: r.fields.map((f) => ({ field: f.field, message: f.message })) } : {});
  }
  const d = err as DomainError;
  const field = d.details.field;
  return problem(DOMAIN_STATUS[d.code] ?? 400, d.message, typeof field === 'string' ? { errors: [{ field, message: d.message }] } : {});
}
