import type { FixtureAccount } from '../fixtures';
import { flow } from './domain/flows';
import { vendorAccounts, type Runtime } from './runtime';

/**
 * Hashes of fixture passwords, by vendor and password, shared by every world
 * of an app: each tenant and each reset seeds the same accounts, and scrypt
 * was most of the cost of that. A hash verifies exactly as one made afresh
 * (it carries its own salt); worlds only share the salt.
 */
export type FixtureHashes = Map<string, string>;
const FIXTURE_TRUST_MS = 365 * 24 * 3600_000;

/** Seeds the store (and, for pending users, the mailbox) from fixture accounts. */
export function loadFixtures(runtime: Runtime, fixtures: readonly FixtureAccount[], hashes: FixtureHashes = new Map()): void {
  for (const f of fixtures) {
    const v = vendorAccounts(runtime, f.vendor);
    let passwordHash: string | undefined;
    if (f.password) {
      const key = `${f.vendor}\0${f.password}`;
      passwordHash = hashes.get(key);
      if (passwordHash === undefined) hashes.set(key, (passwordHash = v.accounts.hashPassword(f.password)));
    }
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
    const { user } = v.accounts.register({
      email: f.email,
      username: f.username,
      name: f.name,
      password: f.password,
      passwordHash,
      status: f.status,
      mfaSecret: f.mfaSecret ?? null,
      activationCode: f.activationCode,
    });
    // Trusted as long as the vendor's own trust lasts would need its settings; a fixture's device stays trusted for a year.
    for (const d of f.trustedDevices ?? []) v.accounts.mfa.trustDevice(user, d, FIXTURE_TRUST_MS);
    for (const t of f.applicationTokens ?? []) v.accounts.appTokens.create(user, { description: t.description, fixed: t.token });
  }
}
