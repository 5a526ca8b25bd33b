import { int, type SettingsSchema } from '../../settings-schema';

/** Edge Impulse settings (`apis['edge-impulse']` in the config) and their defaults, in one place; their type, EdgeImpulseSettings, is generated from this. */
export const SETTINGS_SCHEMA: SettingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['jwtTtlSeconds', 'activationCodeTtlMs', 'resetCodeTtlMs', 'thirdPartyCodeTtlMs', 'emailVerificationCodeTtlMs', 'signupApprovalCodeTtlMs', 'ssoDomainIdps'],
  properties: {
    jwtTtlSeconds: int('Lifetime of a login JWT, in seconds', 7 * 24 * 3600),
    activationCodeTtlMs: int('Lifetime of an activation code, in ms', 24 * 3600_000),
    resetCodeTtlMs: int('Lifetime of a password-reset code, in ms', 3600_000),
    thirdPartyCodeTtlMs: int('Lifetime of a third-party activation code, in ms', 7 * 24 * 3600_000),
    emailVerificationCodeTtlMs: int('Lifetime of an e-mail verification code (requestEmailVerification), in ms', 24 * 3600_000),
    signupApprovalCodeTtlMs: int('Lifetime of a sign-up approval code (createUser with approverEmail), in ms', 7 * 24 * 3600_000),
    // The vendor configures identity providers per e-mail domain in its admin API, which the mock does not serve.
    ssoDomainIdps: {
      type: 'object',
      description: 'Identity providers by e-mail domain (any case), e.g. {"example.com": ["google", "okta"]}: what getSSODomainIdPs and getUserNeedToSetPassword answer for addresses of that domain; none elsewhere',
      default: {},
      maxProperties: 1000,
      additionalProperties: { type: 'array', maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 100 } },
    },
  },
};
