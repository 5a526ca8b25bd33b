import type { FixtureAccount } from '../fixtures';
import { flow } from './domain/flows';
import { vendorAccounts, type Runtime } from './runtime';

/** Seeds the store (and, for pending users, the mailbox) from fixture accounts. */
export function loadFixtures(runtime: Runtime, fixtures: readonly FixtureAccount[]): void {
  for (const f of fixtures) {
    const v = vendorAccounts(runtime, f.vendor);
    if (f.thirdPartyActivationCode) {
      flow(v, 'thirdParty').register(f.email, f.name, f.thirdPartyActivationCode);
      continue;
    }
    if (f.invitationCode) {
      // Invited by another user: no sign-up mail, the invitation mail with its code instead.
      const { user } = v.accounts.register({ email: f.email, username: f.username, name: f.name, status: 'pending', withoutActivationMail: true });
      v.accounts.sendCode(user, 'invitation', f.invitationCode);
      continue;
    }
    v.accounts.register({
      email: f.email,
      username: f.username,
      name: f.name,
      password: f.password,
      status: f.status,
      mfaSecret: f.mfaSecret ?? null,
      activationCode: f.activationCode,
    });
  }
}
