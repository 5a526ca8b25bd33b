import { int, type SettingsSchema } from '../../settings-schema';

/**
 * Acme settings (`apis.acme` in the config) and their defaults, in one place;
 * their type, AcmeSettings, is generated from this at build.
 */
export const SETTINGS_SCHEMA: SettingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['activationCodeTtlMs', 'tokenTtlSeconds'],
  properties: {
    activationCodeTtlMs: int('Lifetime of an Acme activation code, in ms', 24 * 3600_000),
    tokenTtlSeconds: int('Lifetime of an Acme bearer token, in seconds', 3600),
  },
};
