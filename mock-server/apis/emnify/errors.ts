import { STATUS_CODES } from 'node:http';
import type { CompiledOperation } from '../../../contracts/core';
import { retryAfterSeconds, type DomainError } from '../../domain/errors';
import { requestStatus, type RequestError } from '../../http/request-error';
import type { HandlerResult } from '../../http/types';

interface Detail {
  error_code: number;
  error_token: string;
  message: string;
}

const body = (error_code: number, error_token: string, message: string, errors?: Detail[]): HandlerResult['body'] => ({
  error_code,
  error_token,
  message,
  ...(errors ? { errors } : {}),
});

// The vendor's error table.
const INVALID_TOKEN = [1102, 'InvalidToken'] as const;
const TOO_MANY = [1105, 'TooManyRequests'] as const;
const VALIDATION_FAILED = [1400, 'InputValidationFailed'] as const;

function requestError(err: RequestError): HandlerResult {
  switch (err.kind) {
    case 'VALIDATION':
      return {
        status: requestStatus(err.kind),
        body: body(...VALIDATION_FAILED, 'Request validation failed', err.fields.map((f) => {
          const required = f.keyword === 'required';
          // The seed's prose calls the key `activation_token`; say plainly which name is wanted.
          const hint = required && f.field === 'activationKey' ? ' (activation_token is not accepted)' : '';
          return { error_code: required ? 1402 : 1403, error_token: required ? 'Required' : 'InvalidFormat', message: f.message + hint };
        })),
      };
    case 'PAYLOAD_TOO_LARGE':
      return { status: requestStatus(err.kind), body: body(...VALIDATION_FAILED, err.message) };
    case 'METHOD_NOT_ALLOWED':
      return { status: requestStatus(err.kind), body: body(405, 'MethodNotAllowed', err.message) };
    case 'NOT_ACCEPTABLE':
      return { status: requestStatus(err.kind), body: body(406, 'NotAcceptable', err.message) };
    default:
      return { status: requestStatus(err.kind), body: body(...VALIDATION_FAILED, err.message) };
  }
}

/** `{error_code, error_token, message, errors?}`; bad credentials get an empty 401, as the vendor answers. */
export function emnifyError(err: DomainError | RequestError, op?: CompiledOperation): HandlerResult {
  if (err.name === 'RequestError') return requestError(err as RequestError);
  const d = err as DomainError;
  switch (d.code) {
    case 'INVALID_CREDENTIALS':
    case 'ACCOUNT_PENDING':
    case 'ACCOUNT_SUSPENDED':
      return { status: 401 };
    case 'ACCOUNT_LOCKED':
      return { status: 401, body: body(...TOO_MANY, 'Too many failed login attempts; the account is locked for 5 minutes') };
    case 'TOKEN_EXPIRED':
      return { status: 401, body: body(1103, 'TokenExpired', 'Token expired') };
    case 'TOKEN_MISSING':
    case 'TOKEN_INVALID':
      return { status: 401, body: body(...INVALID_TOKEN, 'Invalid token') };
    case 'TOKEN_REVOKED':
      return { status: 401, body: body(...INVALID_TOKEN, 'Invalid token: the password was changed after it was issued') };
    case 'RATE_LIMITED':
      return {
        status: 429,
        headers: { 'Retry-After': retryAfterSeconds(d) },
        body: body(...TOO_MANY, 'An activation mail was sent recently; try again later'),
      };
    case 'RECAPTCHA_FAILED':
      return { status: 422, body: body(...VALIDATION_FAILED, 'Request validation failed', [{ error_code: 1403, error_token: 'InvalidFormat', message: 'g-recaptcha-response was rejected by reCAPTCHA' }]) };
    case 'WRONG_OLD_PASSWORD':
      return { status: 422, body: body(1002, 'Failed', 'Invalid old password', [detail(VALIDATION_FAILED, d.message)]) };
    case 'WEAK_PASSWORD':
      // The password change documents 422 for this; activation documents only 400.
      if (op?.responses['422']) return { status: 422, body: body(1002, 'Failed', 'Invalid new password', [detail(VALIDATION_FAILED, `new_password must have at least ${d.details.minLength} characters`)]) };
      return { status: 400, body: body(...VALIDATION_FAILED, 'Request validation failed', [{ error_code: 1403, error_token: 'InvalidFormat', message: d.message }]) };
    case 'CODE_INVALID':
    case 'CODE_EXPIRED':
      return { status: 400, body: body(...VALIDATION_FAILED, 'Activation key is invalid or expired') };
    default:
      return { status: 400, body: body(...VALIDATION_FAILED, d.message) };
  }
}

function detail([error_code, error_token]: readonly [number, string], message: string): Detail {
  return { error_code, error_token, message };
}

/** A status forced by a fault rule or `Prefer: code=`: the vendor's 1105 for 429, else the status and its reason. */
export function emnifyForcedError(status: number, message: string): HandlerResult {
  const [code, token] = status === 429 ? TOO_MANY : [status, (STATUS_CODES[status] ?? 'Error').replace(/[^A-Za-z]/g, '')];
  return { status, body: body(code, token, message) };
}
