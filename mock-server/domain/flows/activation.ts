import type { Accounts } from '../accounts';
import { DomainError } from '../errors';
import type { MailMessage } from '../mailbox';
import { RateLimiter } from '../rate-limiter';
import type { User } from '../user-store';
import { requireKind } from './compose';

const KIND = 'activation';

/**
 * Activation by a mailed code: a pending user gets one at sign-up and on
 * request, and either proves it while logged in (`activate`) or hands it in
 * with a password to choose (`activateWithKey`, an invitation's link).
 */
export class ActivationFlow {
  private readonly resendLimiter?: RateLimiter;

  constructor(private readonly accounts: Accounts) {
    requireKind(accounts, KIND, 'activation');
    const limit = accounts.policy.activationResendLimit;
    // Named as before the flows were split out, so saved limiter windows still apply.
    if (limit) this.resendLimiter = accounts.deps.limiters?.create(`${accounts.vendor}.activationResend`, limit) ?? new RateLimiter(limit);
  }

  /** Sends a new activation code to a pending user; the previous one stops working. */
  request(user: User): MailMessage {
    if (user.status === 'active') throw new DomainError('ALREADY_ACTIVE', 'User is already activated');
    if (user.status === 'suspended') throw new DomainError('ACCOUNT_SUSPENDED', 'This account is suspended');
    return this.accounts.sendCode(user, KIND);
  }

  /**
   * The public resend: silent (no mail, no error) for unknown, active and
   * suspended users, so that accounts cannot be discovered. The limit counts
   * per address whoever owns it, so its 429s reveal nothing either.
   */
  resend(identifier: string): MailMessage | undefined {
    const wait = this.resendLimiter?.take(identifier.toLowerCase(), this.accounts.now()) ?? 0;
    if (wait > 0) throw new DomainError('RATE_LIMITED', 'An activation mail was sent recently; try again later', { retryAfterMs: wait });
    const user = this.accounts.find(identifier);
    if (!user || user.status !== 'pending') return undefined;
    return this.accounts.sendCode(user, KIND);
  }

  /** Activates the logged-in user with the code from the activation mail. */
  activate(user: User, code: string): User {
    if (user.status === 'active') throw new DomainError('ALREADY_ACTIVE', 'User is already activated');
    this.accounts.consumeCode(KIND, code, user.id);
    return this.accounts.markActive(user);
  }

  /** Activates the user the key was mailed to and sets the password (and the name, when given). */
  activateWithKey(key: string, password: string | undefined, name?: string): User {
    if (password !== undefined) this.accounts.checkPasswordRule(password);
    const user = this.accounts.codeOwner(KIND, key);
    // An invited user without a password must choose one here; one who has a password may keep it.
    if (password === undefined && !user.passwordHash) throw new DomainError('INVALID_INPUT', 'password is required to activate this account', { field: 'password' });
    this.accounts.consumeCode(KIND, key, user.id);
    if (password !== undefined) this.accounts.setPassword(user, password);
    if (name !== undefined) user.name = name;
    return this.accounts.markActive(user);
  }

  /** The pending user an activation (sign-up) code was mailed to; the code stays usable. */
  userByCode(code: string): User {
    return this.accounts.codeOwner(KIND, code);
  }
}
