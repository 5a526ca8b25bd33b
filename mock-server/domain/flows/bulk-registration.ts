import type { Accounts } from '../accounts';
import { DomainError } from '../errors';

/**
 * Many active users at once, for load tests: `${prefix}-${n}@${domain}`.
 * The password is hashed once and the hash shared, salt included: hashing a
 * million passwords would take minutes and prove nothing about the mock.
 */
export function bulkRegister(accounts: Accounts, input: { count: number; prefix: string; domain: string; password: string }): { first: string; last: string } {
  const { users } = accounts.deps;
  const email = (n: number): string => `${input.prefix}-${n}@${input.domain}`;
  const start = users.size + 1;
  for (const n of [start, start + input.count - 1]) {
    if (accounts.byEmail(email(n))) throw new DomainError('EMAIL_TAKEN', `A ${accounts.vendor} user with e-mail ${email(n)} already exists`, { field: 'prefix' });
  }
  users.checkRoom(input.count);
  const passwordHash = accounts.hashPassword(input.password);
  const now = accounts.now();
  for (let n = start; n < start + input.count; n++) {
    const address = email(n);
    users.insert({ vendor: accounts.vendor, email: address, username: accounts.policy.usernameFor?.(address) ?? null, status: 'active', passwordHash }, now);
  }
  return { first: email(start), last: email(start + input.count - 1) };
}
