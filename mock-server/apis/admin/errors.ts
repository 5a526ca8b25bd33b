import type { DomainError, DomainErrorCode } from '../../domain/errors';
import { PROBLEM_JSON } from '../../http/fallbacks';
import type { RequestError, RequestErrorKind } from '../../http/request-error';
import type { HandlerResult } from '../../http/types';

const TITLES: Record<number, string> = { 400: 'Bad Request', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 413: 'Payload Too Large' };

const REQUEST_STATUS: Record<RequestErrorKind, number> = {
  MALFORMED_BODY: 400,
  VALIDATION: 400,
  UNSUPPORTED_MEDIA_TYPE: 400,
  NOT_ACCEPTABLE: 400,
  PAYLOAD_TOO_LARGE: 413,
  METHOD_NOT_ALLOWED: 405,
};

const DOMAIN_STATUS: Partial<Record<DomainErrorCode, number>> = { EMAIL_TAKEN: 409, USERNAME_TAKEN: 409, USER_NOT_FOUND: 404 };

export function problem(status: number, detail: string, errors?: { field: string; message: string }[]): HandlerResult {
  return { status, contentType: PROBLEM_JSON, body: { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...(errors ? { errors } : {}) } };
}

/** RFC 9457 problem details, naming each bad field. */
export function adminError(err: DomainError | RequestError): HandlerResult {
  if (err.name === 'RequestError') {
    const r = err as RequestError;
    const errors = r.fields.length ? r.fields.map((f) => ({ field: f.field, message: f.message })) : undefined;
    return problem(REQUEST_STATUS[r.kind], r.message, errors);
  }
  const d = err as DomainError;
  const field = d.details.field;
  return problem(DOMAIN_STATUS[d.code] ?? 400, d.message, typeof field === 'string' ? [{ field, message: d.message }] : undefined);
}
