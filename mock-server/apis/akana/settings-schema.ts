import { int, rateLimit, type SettingsSchema } from '../../settings-schema';

const flag = (description: string, value: boolean): SettingsSchema => ({ type: 'boolean', description, default: value });

/**
 * Akana settings (`apis.akana` in the config) and their defaults, in one place; their type,
 * AkanaSettings, is generated from this. The accepted media types are the spec's `x-accept`.
 */
export const SETTINGS_SCHEMA: SettingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['activationCodeTtlMs', 'invitationCodeTtlMs', 'resendPerAddress', 'sessionTtlSeconds', 'fedMemberId', 'protectSignupEnumeration', 'csrfProtection', 'usersMayChangeEmail', 'siteAdmins'],
  properties: {
    activationCodeTtlMs: int('Lifetime of an activation (sign-up) or password reset code, in ms', 24 * 3600_000),
    invitationCodeTtlMs: int('Lifetime of an invitation code, in ms (Akana publishes none)', 7 * 24 * 3600_000),
    resendPerAddress: rateLimit('Resend requests one address may make per window, known or not', 'Requests per window', 3, 10 * 60_000),
    sessionTtlSeconds: int('Lifetime of the login cookie AtmoAuthToken, in seconds, from login or renewToken (Akana: 30 minutes)', 1800),
    fedMemberId: { type: 'string', pattern: '^[A-Za-z0-9_-]+$', default: 'authmock', description: 'The tenant name in the cookie names AtmoAuthToken_{fedMemberId} and Csrf-Token_{fedMemberId}' },
    protectSignupEnumeration: flag('signupUser answers 200 without mail for an address that already has an account, instead of 400 (Akana Site Admin: protect Signup from enumeration)', false),
    csrfProtection: flag('Operations other than GETs that need a session require the X-Csrf-Token_{fedMemberId} header (401 without it)', true),
    usersMayChangeEmail: flag('A user may change their own Email with PUT /api/users/{UserID} (a Site Admin always may)', true),
    siteAdmins: {
      type: 'array',
      description: 'E-mail addresses of the Akana users who are Site Admins (may read, change and delete any user)',
      default: ['luciano.hayes@akana.example'],
      maxItems: 100,
      items: { type: 'string', minLength: 3, maxLength: 320 },
    },
  },
};
