import type { KitEnvironment, Tier } from '../kit/environment';
import { missingCredentials } from '../kit/environment';
import type { RunFacts } from '../kit/prepare';
import type { TestDefinition, TierDefinition } from './define';

/** What the kit found out about one vendor's target before its suite runs. */
export interface VendorFindings {
  /** Why the target cannot be reached, when it cannot. */
  unreachable?: string;
  /** The one line that says the credentials were refused, when they were. */
  refused?: string;
  /** Why there is no admin API for the flow tier, when there is none. */
  noAdmin?: string;
}

/** One vendor's share of what the kit found out before the run. */
export function findingsFor(vendor: string, facts: Pick<RunFacts, 'unreachable' | 'refused' | 'admin' | 'adminReason'>): VendorFindings {
  return { unreachable: facts.unreachable[vendor], refused: facts.refused[vendor], noAdmin: facts.admin ? undefined : (facts.adminReason ?? 'no admin API') };
}

/** A check that runs before the tiers and fails when the run would prove nothing. */
export interface Gate {
  title: string;
  failure: string;
}

export interface PlannedTest extends TestDefinition {
  tier: Tier;
  tierTitle: string;
  /** Why it does not run, when it does not. */
  skip?: string;
}

export interface SuitePlan {
  vendor: string;
  gates: Gate[];
  tests: PlannedTest[];
  /** The tiers that do not run, with why (a tier appears once however many groups it has). */
  skippedTiers: { tier: Tier; reason: string }[];
}

/** Why a tier cannot run against this target, or undefined when it can. */
function tierBlocked(tier: Tier, vendor: string, env: KitEnvironment, findings: VendorFindings): string | undefined {
  if (findings.unreachable) return 'the target cannot be reached';
  if (!env.tiers.has(tier)) return `not selected (tiers: ${[...env.tiers].join(',')})`;
  if (tier === 'flow' && findings.noAdmin) return findings.noAdmin;
  if (tier === 'credentialed' && findings.refused) return 'the credentials were refused';
  if (tier === 'credentialed') return missingCredentials(env, vendor);
  return undefined;
}

/**
 * Which of a suite's tests run, and which are skipped with why. The flow
 * tier needs the mock's admin API, so it (and every lock-out or mailbox
 * test in it) runs only where the target is the mock. A test that changes
 * data elsewhere runs only when writes are allowed.
 */
export function planSuite(vendor: string, tiers: readonly TierDefinition[], env: KitEnvironment, findings: VendorFindings): SuitePlan {
  const gates: Gate[] = [];
  if (findings.unreachable) gates.push({ title: `the ${vendor} target can be reached`, failure: findings.unreachable });
  if (findings.refused && env.tiers.has('credentialed')) gates.push({ title: `the ${vendor} credentials are accepted`, failure: findings.refused });
  const skippedTiers: SuitePlan['skippedTiers'] = [];
  const tests: PlannedTest[] = [];
  for (const group of tiers) {
    const blocked = tierBlocked(group.tier, vendor, env, findings);
    if (blocked && !skippedTiers.some((s) => s.tier === group.tier)) skippedTiers.push({ tier: group.tier, reason: blocked });
    for (const test of group.tests) {
      const writes = test.options.changes !== undefined && group.tier !== 'flow' && !env.allowWrites;
      const skip = blocked ?? (writes ? `it changes ${test.options.changes}; allow with --allow-writes (CONTRACT_ALLOW_WRITES=1)` : undefined);
      tests.push({ ...test, tier: group.tier, tierTitle: group.title, ...(skip === undefined ? {} : { skip }) });
    }
  }
  return { vendor, gates, tests, skippedTiers };
}
