import { apiSettings, type MockConfig } from '../../config';
import type { RateLimit } from '../../domain/rate-limiter';

/** Akana settings; override any of them under `apis.akana` in the config. */
export interface AkanaSettings {
  activationCodeTtlMs: number;
  /** How many resend requests one address may make in a window, whether or not it has an account. */
  resendPerAddress: RateLimit;
  /** Accept values served; anything else gets 404, as Akana's status page says. */
  acceptedMediaTypes: string[];
  /** Lifetime of the login cookie (Akana: 30 minutes by default). */
  sessionTtlSeconds: number;
  /** The tenant name in the cookie names, `AtmoAuthToken_{fedMemberId}` and `Csrf-Token_{fedMemberId}`. */
  fedMemberId: string;
}

export const AKANA_DEFAULTS: AkanaSettings = {
  activationCodeTtlMs: 24 * 3600_000,
  resendPerAddress: { limit: 3, windowMs: 10 * 60_000 },
  acceptedMediaTypes: [
    'application/json',
    'application/vnd.soa.v71+json',
    'application/vnd.soa.v72+json',
    'application/vnd.soa.v80+json',
    'application/vnd.soa.v81+json',
  ],
  sessionTtlSeconds: 1800,
  fedMemberId: 'authmock',
};

export const ID = 'akana';

export const akanaSettings = (config: MockConfig): AkanaSettings => apiSettings(config, ID, AKANA_DEFAULTS);
