/**
 * Every way the shared domain can refuse. Vendor layers map these codes to
 * their own envelopes and statuses; the domain never decides a status. A
 * vendor adds its own codes (`DomainError<MyCode>`), which its error mapping
 * alone knows.
 */
export type DomainErrorCode =
  | 'INVALID_CREDENTIALS'
  | 'ACCOUNT_PENDING'
  | 'ACCOUNT_SUSPENDED'
  | 'ACCOUNT_LOCKED'
  | 'TOTP_REQUIRED'
  | 'TOTP_INVALID'
  | 'CODE_INVALID'
  | 'CODE_EXPIRED'
  | 'ALREADY_ACTIVE'
  | 'EMAIL_TAKEN'
  | 'USERNAME_TAKEN'
  | 'USER_NOT_FOUND'
  | 'INVALID_USERNAME'
  | 'MFA_ALREADY_CONFIGURED'
  | 'MFA_KEY_NOT_FOUND'
  | 'MFA_KEY_ACTIVE'
  | 'DEVICE_NOT_FOUND'
  | 'APP_TOKEN_NOT_FOUND'
  | 'WEAK_PASSWORD'
  | 'WRONG_OLD_PASSWORD'
  | 'RATE_LIMITED'
  | 'TOKEN_MISSING'
  | 'TOKEN_INVALID'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_REVOKED'
  | 'INVALID_INPUT'
  /** The mock's own bound on users (`maxUsers`), not a vendor rule: answered by the router, never by a vendor's mapping. */
  | 'USER_LIMIT';

/**
 * An error that is an expected answer, not a fault: it captures no stack
 * trace, which was the costliest step of refusing bad input or a wrong code.
 */
export class QuietError extends Error {
  constructor(message: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

export class DomainError<C extends string = DomainErrorCode> extends QuietError {
  override readonly name: 'DomainError';
  readonly code: C;
  /** Extra facts a vendor may put in its envelope (a field name, a retry time, a username). */
  readonly details: Readonly<Record<string, string | number>>;

  constructor(code: C, message: string, details: Readonly<Record<string, string | number>> = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

/** Whole seconds until a rate-limited action may be retried, for a Retry-After header. */
export function retryAfterSeconds(err: DomainError<string>): string {
  return String(Math.ceil(Number(err.details.retryAfterMs ?? 0) / 1000));
}

export function isDomainError<C extends string = DomainErrorCode>(err: unknown, code?: C): err is DomainError<C> {
  return err instanceof DomainError && (code === undefined || err.code === code);
}
