import { int, rateLimit, type SettingsSchema } from '../../settings-schema';

/**
 * Akana settings (`apis.akana` in the config) and their defaults, in one place; their type,
 * AkanaSettings, is generated from this. The accepted media types are the spec's `x-accept`.
 */
export const SETTINGS_SCHEMA: SettingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['activationCodeTtlMs', 'resendPerAddress', 'sessionTtlSeconds', 'fedMemberId'],
  properties: {
    activationCodeTtlMs: int('Lifetime of an activation code, in ms', 24 * 3600_000),
    resendPerAddress: rateLimit('Resend requests one address may make per window, known or not', 'Requests per window', 3, 10 * 60_000),
    sessionTtlSeconds: int('Lifetime of the login cookie, in seconds (Akana: 30 minutes)', 1800),
    fedMemberId: { type: 'string', pattern: '^[A-Za-z0-9_-]+$', default: 'authmock', description: 'The tenant name in the cookie names AtmoAuthToken_{fedMemberId} and Csrf-Token_{fedMemberId}' },
  },
};
