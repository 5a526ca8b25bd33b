import { int, type SettingsSchema } from '../../settings-schema';

/** Edge Impulse settings (`apis['edge-impulse']` in the config) and their defaults, in one place; their type, EdgeImpulseSettings, is generated from this. */
export const SETTINGS_SCHEMA: SettingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['jwtTtlSeconds', 'activationCodeTtlMs', 'resetCodeTtlMs', 'thirdPartyCodeTtlMs'],
  properties: {
    jwtTtlSeconds: int('Lifetime of a login JWT, in seconds', 7 * 24 * 3600),
    activationCodeTtlMs: int('Lifetime of an activation code, in ms', 24 * 3600_000),
    resetCodeTtlMs: int('Lifetime of a password-reset code, in ms', 3600_000),
    thirdPartyCodeTtlMs: int('Lifetime of a third-party activation code, in ms', 7 * 24 * 3600_000),
  },
};
