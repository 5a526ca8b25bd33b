import type { Accounts } from '../../domain/accounts';
import type { ActivationFlow, PasswordResetFlow } from '../../domain/flows';
import type { RateLimiter } from '../../domain/rate-limiter';
import type { EndedSessions } from './ended-sessions';
import type { AkanaSettings } from './settings';

/**
 * What the Akana handlers keep per world. In a module of its own so that the
 * session, user and sign-up handlers can all name it without importing each other.
 */
export interface AkanaState {
  accounts: Accounts;
  /** Sign-up codes are activation codes: mailed at sign-up, handed in with the password. */
  signup: ActivationFlow;
  passwordReset: PasswordResetFlow;
  settings: AkanaSettings;
  perAddress: RateLimiter;
  /** Sessions ended by endsession or logout, until their cookies would have expired anyway. */
  ended: EndedSessions;
}
