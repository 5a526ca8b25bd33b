/**
 * Every way a domain operation can refuse. Vendor layers map these codes to
 * their own envelopes and statuses; the domain never decides a status.
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
  | 'WEAK_PASSWORD'
  | 'WRONG_OLD_PASSWORD'
  | 'RATE_LIMITED'
  | 'TOKEN_MISSING'
  | 'TOKEN_INVALID'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_REVOKED'
  | 'JWT_REQUIRED'
  | 'RECAPTCHA_FAILED'
  | 'INVALID_INPUT';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Extra facts a vendor may put in its envelope (a field name, a retry time, a username). */
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
  }
}

export function isDomainError(err: unknown, code?: DomainErrorCode): err is DomainError {
  return err instanceof DomainError && (code === undefined || err.code === code);
}
