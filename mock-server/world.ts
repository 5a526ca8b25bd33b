import type { ByteBudget } from './domain/byte-budget';
import type { FixtureAccount } from '../fixtures';
import type { MockConfig } from './config';
import { AdjustableClock } from './domain/clock';
import { EventBus, type LongLived, type RuntimeEvent, type Timers } from './domain/events';
import type { Logger } from './domain/logger';
import type { Mailbox } from './domain/mailbox';
import type { FaultTargets } from './domain/faults';
import type { RandomSource } from './domain/random';
import type { UserStore } from './domain/user-store';
import { loadFixtures, type FixtureHashes } from './fixtures-loader';
import type { UserQuota } from './domain/user-quota';
import { isVendorId, type VendorId } from './generated/vendors';
import { Journal } from './http/journal';
import type { ApiModule, RequestWorld, TenantDirectory } from './http/types';
import { createRuntime, type AccountsDefinition, type Runtime } from './runtime';

/**
 * One isolated world: a runtime (users, codes, mailbox, clock, limits), the
 * request journal the HTTP layer fills, and each API's state. The app has a
 * default world; each tenant has its own.
 */
export interface World extends RequestWorld {
  name: string;
  runtime: Runtime;
  journal: Journal;
  /** Each API's state, in the order of `WorldRecipe.apis`. */
  states: unknown[];
  /** Back to the fixtures: everything below is what a reset clears. */
  reset(): void;
}

/** What every world of an app is built from; only the clock and the stores differ per world. */
export interface WorldRecipe {
  config: MockConfig;
  apis: readonly ApiModule[];
  fixtures: readonly FixtureAccount[];
  random: RandomSource;
  timers?: Timers;
  /** One for the app: a shutdown ends the long polls and event streams of every world, and their limits are counted across worlds. */
  longLived?: LongLived;
  /** One each for the app: the journals, and the mailboxes, of all worlds together (`journalBytes`, `mailboxBytes`). */
  budgets?: { journal: ByteBudget; mailbox: ByteBudget };
  /** The bound on users across every world (`maxUsers`); unbounded when absent. */
  userQuota?: UserQuota;
  /** Fixture password hashes shared by the app's worlds; each world hashes its own when absent. */
  fixtureHashes?: FixtureHashes;
  /** The console every world writes its hints to. */
  logger?: Logger;
  /** The vendors and operations fault rules may name. */
  faultTargets?: FaultTargets;
  /** How fault delays and latency wait; a timer when absent. */
  sleep?: (ms: number) => Promise<void>;
}

/** The API modules that own a user base, by vendor id. */
function accountDefinitions(apis: readonly ApiModule[]): Map<VendorId, AccountsDefinition> {
  const out = new Map<VendorId, AccountsDefinition>();
  for (const m of apis) {
    if (!m.accounts) continue;
    if (!isVendorId(m.id)) throw new Error(`API module '${m.id}' has a user base but specs/${m.id}.openapi.yaml names no vendor (info.x-authmock-vendor)`);
    out.set(m.id, m.accounts);
  }
  return out;
}

function createState(m: ApiModule, runtime: Runtime): unknown {
  if (!m.accounts) return m.createState(runtime);
  return m.createState(runtime, runtime.vendors.get(m.id as VendorId)!);
}

/** Builds a world seeded with the fixtures. */
export function createWorld(
  name: string,
  recipe: WorldRecipe,
  /** `longLived`: the world's registry (the app's for the default world, a scope of it for a tenant); the recipe's when absent. */
  parts: { clock?: AdjustableClock; users?: UserStore; mailbox?: Mailbox; tenants: TenantDirectory; longLived?: LongLived },
): World {
  const clock = parts.clock ?? new AdjustableClock();
  // One bus per world: its journal and its runtime both publish there.
  const events = new EventBus<RuntimeEvent>();
  const journal = new Journal(recipe.config.journalSize, clock, events, recipe.budgets?.journal);
  const world: World = {
    name,
    journal,
    tenants: parts.tenants,
    states: [],
    runtime: createRuntime(
      { world: name, config: recipe.config, clock, random: recipe.random, users: parts.users, mailbox: parts.mailbox, mailboxBudget: recipe.budgets?.mailbox, userQuota: recipe.userQuota, events, timers: recipe.timers, longLived: parts.longLived ?? recipe.longLived, faultTargets: recipe.faultTargets, sleep: recipe.sleep, logger: recipe.logger },
      accountDefinitions(recipe.apis),
      () => world.reset(),
    ),
    reset() {
      const r = world.runtime;
      // A new incarnation first: no token issued before may act on the users the fixtures bring back under the same ids.
      r.tokens.setEpoch();
      r.users.clear();
      r.codes.clear();
      r.mailbox.clear();
      r.clock.reset();
      r.limiters.clear();
      for (const v of r.vendors.values()) v.accounts.mfa.reset();
      for (const v of r.vendors.values()) v.accounts.appTokens.reset();
      r.faults.clear();
      journal.clear();
      // Waits end (204) and watchers hear of it before the fixtures come back as new users and mail.
      r.mailWaiters.endAll();
      events.emit({ type: 'reset' });
      events.emit({ type: 'clock', now: r.clock.now(), offsetMs: r.clock.offset });
      // API states hold their own limits (a per-address window, say) and memos; they start afresh.
      world.states = recipe.apis.map((m) => createState(m, r));
      r.users.seed(() => loadFixtures(r, recipe.fixtures, recipe.fixtureHashes));
    },
  };
  world.states = recipe.apis.map((m) => createState(m, world.runtime));
  world.runtime.users.seed(() => loadFixtures(world.runtime, recipe.fixtures, recipe.fixtureHashes));
  return world;
}
