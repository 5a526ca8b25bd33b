import { Accounts, type AccountPolicy, type MailTemplates } from './domain/accounts';
import { composeFlows, type FlowName, type VendorAccounts } from './domain/flows';
import type { AdjustableClock } from './domain/clock';
import type { ByteBudget } from './domain/byte-budget';
import { CodeStore } from './domain/code-store';
import { EventBus, LongLived, realTimers, type RuntimeEvent, type Timers } from './domain/events';
import { FaultRules, type FaultTargets } from './domain/faults';
import { LimiterRegistry } from './domain/limiters';
import { MailWaiters } from './domain/mail-waiters';
import { consoleLogger, type Logger } from './domain/logger';
import { Mailbox } from './domain/mailbox';
import { PasswordHasher } from './domain/password-hasher';
import type { RandomSource } from './domain/random';
import { TokenService } from './domain/tokens';
import type { UserQuota } from './domain/user-quota';
import { UserStore } from './domain/user-store';
import type { MockConfig } from './config';
import type { VendorId } from './generated/vendors';

export type { VendorAccounts } from './domain/flows';

/** How an API's user base behaves; the runtime builds its Accounts and flows from this. */
export interface AccountsDefinition {
  policy(config: MockConfig): AccountPolicy;
  /** A template for each kind of mail its spec declares (`x-authmock-vendor.mailKinds`); checked at start-up. */
  templates: MailTemplates;
  /** The flows the vendor composes over the core accounts (domain/flows/). */
  flows: readonly FlowName[];
}

/** Everything stateful in one world (the app, or one tenant of it), built from the injected deps. Nothing here is global. */
export interface Runtime {
  config: MockConfig;
  clock: AdjustableClock;
  random: RandomSource;
  users: UserStore;
  codes: CodeStore;
  mailbox: Mailbox;
  hasher: PasswordHasher;
  /** The world's tokens: bound to this world and its current epoch, which `reset` and a state import replace. */
  tokens: TokenService;
  /** Every rate limiter of this world, by name (saved with the state). */
  limiters: LimiterRegistry;
  /** The mock's console: hints for developers (never secrets). */
  logger: Logger;
  /** Fault rules set through `/__admin/faults`; not saved with the state. */
  faults: FaultRules;
  /** How the mock waits (fault delays, latency); injectable so tests need not wait. */
  sleep(ms: number): Promise<void>;
  /** The user bases, by vendor. */
  vendors: Map<VendorId, VendorAccounts>;
  /** Mail, user, request, clock and reset events of this world (`GET /__admin/events`). */
  events: EventBus<RuntimeEvent>;
  /** Open long polls and event streams of the whole app, ended on shutdown. */
  longLived: LongLived;
  mailWaiters: MailWaiters;
  timers: Timers;
  /** Back to the fixtures; the world that built this runtime owns what it clears (see world.ts). */
  reset(): void;
}

export function vendorAccounts(runtime: Runtime, id: VendorId): VendorAccounts {
  const v = runtime.vendors.get(id);
  if (!v) throw new Error(`No API with a user base is called '${id}'`);
  return v;
}

export interface RuntimeParts {
  /** The world's name (`default`, or the tenant's): its tokens name it, and no other world accepts them. */
  world: string;
  config: MockConfig;
  clock: AdjustableClock;
  random: RandomSource;
  users?: UserStore;
  mailbox?: Mailbox;
  /** The mailboxes' byte budget, shared by every world of one app. */
  mailboxBudget?: ByteBudget;
  /** The bound on users across every world (`maxUsers`). */
  userQuota?: UserQuota;
  /** The world's bus, shared with its journal; a new one when absent. */
  events?: EventBus<RuntimeEvent>;
  timers?: Timers;
  /** Shared by every world of one app, so one shutdown ends them all. */
  longLived?: LongLived;
  logger?: Logger;
  /** The vendors and operations fault rules may name; none when absent. */
  faultTargets?: FaultTargets;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Builds the stores and each vendor's Accounts; `reset` is the world's (world.ts), the one place that says what a reset clears. */
export function createRuntime(parts: RuntimeParts, definitions: ReadonlyMap<VendorId, AccountsDefinition>, reset: () => void): Runtime {
  const users = parts.users ?? new UserStore();
  if (parts.userQuota) users.quota = parts.userQuota;
  const codes = new CodeStore();
  const mailbox = parts.mailbox ?? new Mailbox(parts.config.mailboxSize, parts.mailboxBudget);
  const hasher = new PasswordHasher(parts.random, parts.config.passwordHashCost);
  const logger = parts.logger ?? consoleLogger;
  const tokens = new TokenService(parts.config.jwtSecret, parts.clock, parts.world, logger);
  const events = parts.events ?? new EventBus<RuntimeEvent>();
  const timers = parts.timers ?? realTimers;
  const longLived = parts.longLived ?? new LongLived();
  const mailWaiters = new MailWaiters(mailbox, longLived, timers);
  users.onChange = (action, user) => events.emit({ type: 'user', action, user });
  // Every mail goes through here on its way to the mailbox, so watchers and waiters see it.
  const mailer = {
    send: (mail: Parameters<Mailbox['send']>[0], now: number) => {
      const message = mailbox.send(mail, now);
      mailWaiters.deliver(message);
      events.emit({ type: 'mail', message });
      return message;
    },
  };
  const limiters = new LimiterRegistry();
  const faults = new FaultRules(parts.random, parts.faultTargets ?? new Map());
  const vendors = new Map<VendorId, VendorAccounts>();
  const deps = { users, codes, mailer, clock: parts.clock, random: parts.random, hasher, limiters };
  for (const [id, def] of definitions) {
    vendors.set(id, composeFlows(new Accounts(id, deps, def.policy(parts.config), def.templates), def.flows));
  }
  return { ...parts, logger, users, codes, mailbox, hasher, tokens, limiters, faults, sleep: parts.sleep ?? realSleep, vendors, events, longLived, mailWaiters, timers, reset };
}
