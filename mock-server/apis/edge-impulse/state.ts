import { DomainError } from '../../domain/errors';
import type { Accounts } from '../../domain/accounts';
import type { AddressVerifications } from '../../domain/address-verifications';
import type { ActivationFlow, PasswordResetFlow, ThirdPartyFlow } from '../../domain/flows';
import type { User } from '../../domain/user-store';
import type { RequestContext } from '../../http/types';
import type { EdgeImpulseSettings } from './settings';
import type { Profiles } from './user-response';

export interface EdgeImpulseState {
  accounts: Accounts;
  /** What updateCurrentUser sets besides the name. */
  profiles: Profiles;
  /** requestEmailVerification's requests and codes. */
  emailVerifications: AddressVerifications;
  /** The identity providers of each lower-cased e-mail domain (setting ssoDomainIdps). */
  domainIdps: ReadonlyMap<string, readonly string[]>;
  activation: ActivationFlow;
  passwordReset: PasswordResetFlow;
  thirdParty: ThirdPartyFlow;
  settings: EdgeImpulseSettings;
  /** Set-Cookie values by token: a token is reused within its second (see TokenService), and so is its cookie. */
  cookies: Map<string, string>;
}

export type Ctx = RequestContext<EdgeImpulseState>;
// Typed by what it carries, so each handler's answer is checked against the schema its operation documents for 200.
export const ok = <T extends object = Record<never, never>>(extra?: T) => ({ status: 200 as const, body: { success: true as const, ...(extra as T) } });

/** The kind of mail (and code) a sign-up's approver gets, as the spec's mailKinds declares it. */
export const SIGNUP_APPROVAL = 'signup-approval';

export function currentUser(ctx: Ctx): User {
  if (!ctx.user) throw new DomainError('TOKEN_MISSING', 'No JWT');
  return ctx.user;
}
