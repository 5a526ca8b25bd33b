import { apiSettings, type MockConfig } from '../../config';

/** Edge Impulse settings; override any of them under `apis['edge-impulse']` in the config. */
export interface EdgeImpulseSettings {
  /** Lifetime of a login JWT. */
  jwtTtlSeconds: number;
  activationCodeTtlMs: number;
  resetCodeTtlMs: number;
  thirdPartyCodeTtlMs: number;
}

export const EDGE_IMPULSE_DEFAULTS: EdgeImpulseSettings = {
  jwtTtlSeconds: 7 * 24 * 3600,
  activationCodeTtlMs: 24 * 3600_000,
  resetCodeTtlMs: 3600_000,
  thirdPartyCodeTtlMs: 7 * 24 * 3600_000,
};

export const ID = 'edge-impulse';

export const edgeImpulseSettings = (config: MockConfig): EdgeImpulseSettings => apiSettings(config, ID, EDGE_IMPULSE_DEFAULTS);
