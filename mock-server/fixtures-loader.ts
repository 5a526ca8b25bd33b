import type { FixtureAccount } from '../fixtures';
import { flow } from './domain/flows';
import { vendorAccounts, type Runtime } from './runtime';

const FIXTURE_TRUST_MS = 365 * 24 * 3600_000;

/** Seeds the store (and, for pending users, the mailbox) from fixture accounts. */
export function loadFixtures(runtime: Runtime, fixtures: readonly FixtureAccount[]): void {
  for (const f of fixtures) {
    const v = vendorAccounts(runtime, f.vendor);
    if (f.thirdPartyActivationCode) {
      flow(v, 'thirdParty').register(f.email, f.name, f.thirdPartyActivationCode);
      continue;
    }
    const { user } = v.accounts.register({
      email: f.email,
      username: f.username,
      name: f.name,
      password: f.password,
      status: f.status,
      mfaSecret: f.mfaSecret ?? null,
      activationCode: f.activationCode,
    });
    // Trusted as long as the vendor's own trust lasts would need its settings; a fixture's device stays trusted for a year.
    for (const d of f.trustedDevices ?? []) v.accounts.mfa.trustDevice(user, d, FIXTURE_TRUST_MS);
    for (const t of f.applicationTokens ?? []) v.accounts.appTokens.create(user, { description: t.description, fixed: t.token });
  }
}
