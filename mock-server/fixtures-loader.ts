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
