import { apiSettings, type MockConfig } from '../../config';
import type { SettingsSchema } from '../../config-schema';
import type { RateLimit } from '../../domain/rate-limiter';

/** Akana settings; override any of them under `apis.akana` in the config. */
export interface AkanaSettings {
  activationCodeTtlMs: number;
  /** How many resend requests one address may make in a window, whether or not it has an account. */
  resendPerAddress: RateLimit;
  /** Lifetime of the login cookie (Akana: 30 minutes by default). */
  sessionTtlSeconds: number;
  /** The tenant name in the cookie names, `AtmoAuthToken_{fedMemberId}` and `Csrf-Token_{fedMemberId}`. */
  fedMemberId: string;
}

const int = (description: string, value: number): SettingsSchema => ({ type: 'integer', minimum: 1, description, default: value });

/** The settings and their defaults, in one place. The accepted media types are the spec's `x-accept`. */
export const SETTINGS_SCHEMA: SettingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['activationCodeTtlMs', 'resendPerAddress', 'sessionTtlSeconds', 'fedMemberId'],
  properties: {
    activationCodeTtlMs: int('Lifetime of an activation code, in ms', 24 * 3600_000),
    resendPerAddress: {
      type: 'object',
      additionalProperties: false,
      required: ['limit', 'windowMs'],
      description: 'Resend requests one address may make per window, known or not',
      properties: { limit: int('Requests per window', 3), windowMs: int('Window, in ms', 10 * 60_000) },
    },
    sessionTtlSeconds: int('Lifetime of the login cookie, in seconds (Akana: 30 minutes)', 1800),
    fedMemberId: { type: 'string', pattern: '^[A-Za-z0-9_-]+$', default: 'authmock', description: 'The tenant name in the cookie names AtmoAuthToken_{fedMemberId} and Csrf-Token_{fedMemberId}' },
  },
};

export const ID = 'akana';

export const akanaSettings = (config: MockConfig): AkanaSettings => apiSettings(config, ID, SETTINGS_SCHEMA);
