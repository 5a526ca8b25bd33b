import type { DomainError, DomainErrorCode } from '../../domain/errors';
import { problem } from '../../http/problem';
import { requestStatus, type RequestError } from '../../http/request-error';
import type { HandlerResult } from '../../http/types';

// The admin API documents no 406: an Accept it cannot serve is a bad request.
const STATUS_OVERRIDES = { NOT_ACCEPTABLE: 400 } as const;

const DOMAIN_STATUS: Partial<Record<DomainErrorCode, number>> = { EMAIL_TAKEN: 409, USERNAME_TAKEN: 409 };

/** RFC 9457 problem details, naming each bad field. */
export function adminError(err: DomainError | RequestError): HandlerResult {
  if (err.name === 'RequestError') {
    const r = err as RequestError;
    return problem(requestStatus(r.kind, STATUS_OVERRIDES), r.message, r.fields.length ? { errors: r.fields.map((f) => ({ field: f.field, message: f.message })) } : {});
  }
  const d = err as DomainError;
  const field = d.details.field;
  return problem(DOMAIN_STATUS[d.code] ?? 400, d.message, typeof field === 'string' ? { errors: [{ field, message: d.message }] } : {});
}
