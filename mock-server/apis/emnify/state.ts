import type { Accounts } from '../../domain/accounts';
import type { ActivationFlow } from '../../domain/flows';
import type { RateLimit, RateLimiter } from '../../domain/rate-limiter';
import type { EmnifySettings } from './settings';

/**
 * What the EMnify handlers keep per world. In a module of its own so that
 * `authenticate.ts` and `handlers.ts` can both name it without importing
 * each other.
 */
export interface EmnifyState {
  accounts: Accounts;
  activation: ActivationFlow;
  settings: EmnifySettings;
  /** The per-IP limit of authenticate: undefined until the first call, null when switched off. */
  authenticateLimiter?: { rule: RateLimit; limiter: RateLimiter } | null;
}
