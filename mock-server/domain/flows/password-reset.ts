import type { Accounts } from '../accounts';
import { DomainError } from '../errors';
import type { MailMessage } from '../mailbox';
import type { User } from '../user-store';
import { requireKind } from './compose';

const KIND = 'password-reset';

/** A password reset by a mailed code: request, optionally verify, then reset. */
export class PasswordResetFlow {
  constructor(private readonly accounts: Accounts) {
    requireKind(accounts, KIND, 'password reset');
  }

  /** Mails a reset code when the account exists; says nothing either way. */
  request(email: string): MailMessage | undefined {
    const user = this.accounts.byEmail(email);
    if (!user || user.status === 'suspended') return undefined;
    return this.accounts.sendCode(user, KIND);
  }

  verify(email: string, code: string): User {
    const user = this.accounts.byEmail(email);
    if (!user) throw new DomainError('CODE_INVALID', 'The code is not valid');
    this.accounts.codeOwner(KIND, code, user.id);
    return user;
  }

  reset(email: string, code: string, password: string): User {
    this.accounts.checkPasswordRule(password);
    const user = this.accounts.byEmail(email);
    if (!user) throw new DomainError('CODE_INVALID', 'The code is not valid');
    this.accounts.consumeCode(KIND, code, user.id);
    this.accounts.setPassword(user, password);
    // Proving control of the mailbox also proves the address: a pending user is activated.
    if (user.status === 'pending') this.accounts.markActive(user);
    user.lockedUntil = 0;
    return user;
  }
}
