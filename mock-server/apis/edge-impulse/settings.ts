import { apiSettings, type MockConfig } from '../../config';
import type { SettingsSchema } from '../../config-schema';

/** Edge Impulse settings; override any of them under `apis['edge-impulse']` in the config. */
export interface EdgeImpulseSettings {
  /** Lifetime of a login JWT. */
  jwtTtlSeconds: number;
  activationCodeTtlMs: number;
  resetCodeTtlMs: number;
  thirdPartyCodeTtlMs: number;
}

const duration = (description: string, value: number): SettingsSchema => ({ type: 'integer', minimum: 1, description, default: value });

/** The settings and their defaults, in one place. */
export const SETTINGS_SCHEMA: SettingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['jwtTtlSeconds', 'activationCodeTtlMs', 'resetCodeTtlMs', 'thirdPartyCodeTtlMs'],
  properties: {
    jwtTtlSeconds: duration('Lifetime of a login JWT, in seconds', 7 * 24 * 3600),
    activationCodeTtlMs: duration('Lifetime of an activation code, in ms', 24 * 3600_000),
    resetCodeTtlMs: duration('Lifetime of a password-reset code, in ms', 3600_000),
    thirdPartyCodeTtlMs: duration('Lifetime of a third-party activation code, in ms', 7 * 24 * 3600_000),
  },
};

export const ID = 'edge-impulse';

export const edgeImpulseSettings = (config: MockConfig): EdgeImpulseSettings => apiSettings(config, ID, SETTINGS_SCHEMA);
