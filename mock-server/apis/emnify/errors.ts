import statuses from 'statuses';
import type { CompiledOperation } from '../../../contracts/core/compile';
import { retryAfterSeconds, type DomainError, type DomainErrorCode } from '../../domain/errors';
import { requestStatus, type RequestError } from '../../http/request-error';
import type { HandlerResult } from '../../http/types';

/** The shared domain's codes and EMnify's own. */
export type EmnifyErrorCode = DomainErrorCode | 'RECAPTCHA_FAILED' | 'AUTHENTICATE_LIMITED' | 'INVALID_REFERENCE';

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

// EMnify's error table puts validation errors under 422; an operation that documents 400 for them keeps it.
const validationStatus = (op?: CompiledOperation): number => (op?.responses['400'] ? 400 : 422);
const validationOverride = (op?: CompiledOperation) => ({ VALIDATION: validationStatus(op), MALFORMED_BODY: validationStatus(op) });
const NOT_FOUND = (message: string): HandlerResult => ({ status: 404, body: body(1201, 'NotFound', message) });

function requestError(err: RequestError, op?: CompiledOperation): HandlerResult {
  switch (err.kind) {
    case 'VALIDATION':
      return {
        status: requestStatus(err.kind, validationOverride(op)),
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
    case 'MALFORMED_BODY':
      return { status: requestStatus(err.kind, validationOverride(op)), body: body(...VALIDATION_FAILED, err.message) };
    default:
      return { status: requestStatus(err.kind), body: body(...VALIDATION_FAILED, err.message) };
  }
}

/** `{error_code, error_token, message, errors?}`; bad credentials get an empty 401, as the vendor answers. */
export function emnifyError(err: DomainError<EmnifyErrorCode> | RequestError, op?: CompiledOperation): HandlerResult {
  if (err.name === 'RequestError') return requestError(err as RequestError, op);
  const d = err as DomainError<EmnifyErrorCode>;
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
    case 'AUTHENTICATE_LIMITED':
      return { status: 429, headers: { 'Retry-After': retryAfterSeconds(d) }, body: body(...TOO_MANY, d.message) };
    case 'EMAIL_TAKEN':
    case 'USERNAME_TAKEN':
      return { status: 409, body: body(409, 'Conflict', d.message) };
    case 'INVALID_REFERENCE':
      return { status: validationStatus(op), body: body(1401, 'InvalidReference', d.message) };
    case 'DEVICE_NOT_FOUND':
      return NOT_FOUND(`Trusted device not found`);
    case 'APP_TOKEN_NOT_FOUND':
      return NOT_FOUND(d.message);
    case 'RECAPTCHA_FAILED':
      return { status: 422, body: body(...VALIDATION_FAILED, 'Request validation failed', [{ error_code: 1403, error_token: 'InvalidFormat', message: 'g-recaptcha-response was rejected by reCAPTCHA' }]) };
    case 'WRONG_OLD_PASSWORD':
      return { status: 422, body: body(1002, 'Failed', 'Invalid old password', [detail(VALIDATION_FAILED, d.message)]) };
    case 'CODE_INVALID':
    case 'CODE_EXPIRED':
      // accept-user-invitation lists 403 as its only refusal.
      if (op?.responses['403']) return { status: 403, body: body(1104, 'Forbidden', 'Activation key is invalid or expired') };
      if (validationStatus(op) === 422) return { status: 422, body: body(1401, 'InvalidReference', 'Activation key is invalid or expired') };
      return { status: 400, body: body(...VALIDATION_FAILED, 'Activation key is invalid or expired') };
    case 'TOTP_INVALID':
      return { status: 422, body: body(...VALIDATION_FAILED, 'Invalid TOTP code') };
    case 'MFA_ALREADY_CONFIGURED':
      return { status: 409, body: body(409, 'Conflict', 'An active MFA key exists for this user') };
    case 'MFA_KEY_ACTIVE':
      return { status: 409, body: body(409, 'Conflict', 'This MFA key is already active') };
    case 'MFA_KEY_NOT_FOUND':
      return NOT_FOUND('MFA key not found');
    case 'USER_NOT_FOUND':
      return NOT_FOUND(d.message);
    default:
      return { status: validationStatus(op), body: body(...VALIDATION_FAILED, d.message) };
  }
}

function detail([error_code, error_token]: readonly [number, string], message: string): Detail {
  return { error_code, error_token, message };
}

/** A status forced by a fault rule or `Prefer: code=`: the vendor's 1105 for 429, else the status and its reason. */
export function emnifyForcedError(status: number, message: string): HandlerResult {
  const [code, token] = status === 429 ? TOO_MANY : [status, (statuses.message[status] ?? 'Error').replace(/[^A-Za-z]/g, '')];
  return { status, body: body(code, token, message) };
}
