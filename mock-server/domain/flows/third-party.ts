import type { Accounts } from '../accounts';
import { DomainError } from '../errors';
import type { User } from '../user-store';
import { requireKind } from './compose';

const KIND = 'third-party-activation';

/**
 * A user created by a third party (a partner's integration): pending, with no
 * username or password, reachable only through the code handed out for it,
 * with which the user chooses both.
 */
export class ThirdPartyFlow {
  constructor(private readonly accounts: Accounts) {
    requireKind(accounts, KIND, 'third-party activation');
  }

  register(email: string, name = '', code?: string): { user: User; code: string } {
    const { user } = this.accounts.register({ email, username: null, name, status: 'pending', withoutActivationMail: true });
    const mail = this.accounts.sendCode(user, KIND, code);
    return { user, code: mail.code };
  }

  userByCode(code: string): User {
    return this.accounts.codeOwner(KIND, code);
  }

  activate(code: string, input: { username: string; password: string; name?: string }): User {
    const { accounts } = this;
    accounts.checkPasswordRule(input.password);
    accounts.checkUsername(input.username);
    const user = accounts.codeOwner(KIND, code);
    const taken = accounts.deps.users.byUsername(accounts.vendor, input.username);
    if (taken && taken.id !== user.id) throw new DomainError('USERNAME_TAKEN', 'Username is already in use', { field: 'username' });
    accounts.consumeCode(KIND, code, user.id);
    accounts.deps.users.setUsername(user, input.username, accounts.now());
    if (input.name !== undefined) user.name = input.name;
    accounts.setPassword(user, input.password);
    return accounts.markActive(user);
  }
}
