import { apiSettings, type MockConfig } from '../../config';
import type { RateLimit } from '../../domain/rate-limiter';

/** EMnify settings; override any of them under `apis.emnify` in the config. */
export interface EmnifySettings {
  authTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  activationKeyTtlMs: number;
  /** How often one user may be sent a new activation mail. */
  activationResend: RateLimit;
  /** Consecutive failed authentications that lock an account, and for how long. */
  lockout: { maxFailures: number; lockMs: number };
  /**
   * The vendor tells clients to drop their token after a password change.
   * true: the mock also refuses tokens issued before the change; false: they stay valid until they expire.
   */
  revokeTokensOnPasswordChange: boolean;
  /** reCAPTCHA tokens the emulated verifier rejects; any other non-empty token passes. */
  recaptchaFailingTokens: string[];
  /** Lifetime of the `mfa_token` between the password and the one-time code (the vendor does not say). */
  mfaTokenTtlSeconds: number;
  /** How long a trusted device skips MFA (the vendor: 90 days). */
  trustedDeviceTtlMs: number;
}

export const EMNIFY_DEFAULTS: EmnifySettings = {
  authTokenTtlSeconds: 3600,
  refreshTokenTtlSeconds: 30 * 24 * 3600,
  activationKeyTtlMs: 7 * 24 * 3600_000,
  activationResend: { limit: 1, windowMs: 60_000 },
  lockout: { maxFailures: 3, lockMs: 5 * 60_000 },
  revokeTokensOnPasswordChange: true,
  recaptchaFailingTokens: ['recaptcha-fail'],
  mfaTokenTtlSeconds: 300,
  trustedDeviceTtlMs: 90 * 24 * 3600_000,
};

export const ID = 'emnify';

export const emnifySettings = (config: MockConfig): EmnifySettings => apiSettings(config, ID, EMNIFY_DEFAULTS);
