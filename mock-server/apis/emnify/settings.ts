import { apiSettings, type MockConfig } from '../../config';
import type { SettingsSchema } from '../../config-schema';
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

const int = (description: string, value: number): SettingsSchema => ({ type: 'integer', minimum: 1, description, default: value });

/** The settings and their defaults, in one place. */
export const SETTINGS_SCHEMA: SettingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['authTokenTtlSeconds', 'refreshTokenTtlSeconds', 'activationKeyTtlMs', 'activationResend', 'lockout', 'revokeTokensOnPasswordChange', 'recaptchaFailingTokens', 'mfaTokenTtlSeconds', 'trustedDeviceTtlMs'],
  properties: {
    authTokenTtlSeconds: int('Lifetime of an auth_token, in seconds', 3600),
    refreshTokenTtlSeconds: int('Lifetime of a refresh_token, in seconds', 30 * 24 * 3600),
    activationKeyTtlMs: int('Lifetime of an activation key, in ms', 7 * 24 * 3600_000),
    activationResend: {
      type: 'object',
      additionalProperties: false,
      required: ['limit', 'windowMs'],
      description: 'Activation mails one user may be sent per window',
      properties: { limit: int('Mails per window', 1), windowMs: int('Window, in ms', 60_000) },
    },
    lockout: {
      type: 'object',
      additionalProperties: false,
      required: ['maxFailures', 'lockMs'],
      description: 'Consecutive failed authentications that lock an account, and for how long',
      properties: { maxFailures: int('Failures before the lock-out', 3), lockMs: int('Length of the lock-out, in ms', 5 * 60_000) },
    },
    revokeTokensOnPasswordChange: { type: 'boolean', default: true, description: 'Refuse tokens issued before a password change' },
    recaptchaFailingTokens: { type: 'array', items: { type: 'string' }, default: ['recaptcha-fail'], description: 'g-recaptcha-response values the emulated verifier rejects' },
    mfaTokenTtlSeconds: int('Lifetime of the mfa_token between the password and the one-time code, in seconds', 300),
    trustedDeviceTtlMs: int('How long a trusted device skips MFA, in ms (EMnify: 90 days)', 90 * 24 * 3600_000),
  },
};

export const ID = 'emnify';

export const emnifySettings = (config: MockConfig): EmnifySettings => apiSettings(config, ID, SETTINGS_SCHEMA);
