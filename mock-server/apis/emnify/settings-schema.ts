import { int, rateLimit, type SettingsSchema } from '../../settings-schema';

/** EMnify settings (`apis.emnify` in the config) and their defaults, in one place; their type, EmnifySettings, is generated from this. */
export const SETTINGS_SCHEMA: SettingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['authTokenTtlSeconds', 'refreshTokenTtlSeconds', 'activationKeyTtlMs', 'activationResend', 'lockout', 'revokeTokensOnPasswordChange', 'recaptchaFailingTokens', 'mfaTokenTtlSeconds', 'trustedDeviceTtlMs', 'authenticateLimit'],
  properties: {
    authTokenTtlSeconds: int('Lifetime of an auth_token, in seconds', 3600),
    refreshTokenTtlSeconds: int('Lifetime of a refresh_token, in seconds', 30 * 24 * 3600),
    activationKeyTtlMs: int('Lifetime of an activation key, in ms', 7 * 24 * 3600_000),
    activationResend: rateLimit('Activation mails one user may be sent per window', 'Mails per window', 1, 60_000),
    lockout: {
      type: 'object',
      additionalProperties: false,
      required: ['maxFailures', 'lockMs'],
      description: 'Consecutive failed authentications that lock an account, and for how long',
      properties: { maxFailures: int('Failures before the lock-out', 3), lockMs: int('Length of the lock-out, in ms', 5 * 60_000) },
    },
    // true: the mock also refuses tokens issued before the change (the vendor only tells clients to drop them);
    // false: they stay valid until they expire.
    revokeTokensOnPasswordChange: { type: 'boolean', default: true, description: 'Refuse tokens issued before a password change' },
    recaptchaFailingTokens: { type: 'array', items: { type: 'string' }, default: ['recaptcha-fail'], description: 'g-recaptcha-response values the emulated verifier rejects' },
    mfaTokenTtlSeconds: int('Lifetime of the mfa_token between the password and the one-time code, in seconds', 300),
    trustedDeviceTtlMs: int('How long a trusted device skips MFA, in ms (EMnify: 90 days)', 90 * 24 * 3600_000),
    // true: the limit the spec documents for authenticate (its x-rate-limit), read from the spec when
    // the first call comes, so that the vendor's figures live in the spec alone; false: no limit.
    authenticateLimit: {
      description: "authenticate calls one client IP may make per window: true follows the x-rate-limit of authenticate in the spec (the vendor's own limit), false switches the limit off, {limit, windowMs} sets another",
      default: true,
      oneOf: [
        { type: 'boolean' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['limit', 'windowMs'],
          properties: { limit: { type: 'integer', minimum: 1, description: 'Calls per window' }, windowMs: { type: 'integer', minimum: 1, description: 'Window, in ms' } },
        },
      ],
    },
  },
};
