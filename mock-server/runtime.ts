import { Accounts, type AccountPolicy, type MailTemplates } from './domain/accounts';
import type { AdjustableClock } from './domain/clock';
import { CodeStore } from './domain/code-store';
import { LimiterRegistry } from './domain/limiters';
import { Mailbox } from './domain/mailbox';
import { PasswordHasher } from './domain/password-hasher';
import type { RandomSource } from './domain/random';
import { TokenService } from './domain/tokens';
import { UserStore } from './domain/user-store';
import type { MockConfig } from './config';
import { consoleLogger, type Logger } from './http/fallbacks';
import { Journal } from './http/journal';

/** How an API's user base behaves; the runtime builds its Accounts from this. */
export interface AccountsDefinition {
  policy(config: MockConfig): AccountPolicy;
  templates: MailTemplates;
}

export interface VendorAccounts {
  accounts: Accounts;
}

/** Everything stateful in one app, built from the injected deps. Nothing here is global. */
export interface Runtime {
  config: MockConfig;
  clock: AdjustableClock;
  random: RandomSource;
  users: UserStore;
  codes: CodeStore;
  mailbox: Mailbox;
  hasher: PasswordHasher;
  tokens: TokenService;
  journal: Journal;
  /** The mock's console: hints for developers (never secrets) and unexpected errors. */
  logger: Logger;
  /** Every rate limiter of this world, by name (saved with the state). */
  limiters: LimiterRegistry;
  /** The user bases, by API id. */
  vendors: Map<string, VendorAccounts>;
  /** Back to the fixtures: empty store, mailbox, journal; clock at real time. */
  reset(): void;
}

export function vendorAccounts(runtime: Runtime, id: string): VendorAccounts {
  const v = runtime.vendors.get(id);
  if (!v) throw new Error(`No API with a user base is called '${id}'`);
  return v;
}

export interface RuntimeParts {
  config: MockConfig;
  clock: AdjustableClock;
  random: RandomSource;
  users?: UserStore;
  mailbox?: Mailbox;
  logger?: Logger;
}

export function createRuntime(parts: RuntimeParts, definitions: Map<string, AccountsDefinition>): Runtime {
  const users = parts.users ?? new UserStore();
  const codes = new CodeStore();
  const mailbox = parts.mailbox ?? new Mailbox(parts.config.mailboxSize);
  const hasher = new PasswordHasher(parts.random, parts.config.passwordHashCost);
  const tokens = new TokenService(parts.config.jwtSecret, parts.clock);
  const journal = new Journal(parts.config.journalSize, parts.clock);
  const limiters = new LimiterRegistry();
  const vendors = new Map<string, VendorAccounts>();
  const deps = { users, codes, mailer: mailbox, clock: parts.clock, random: parts.random, hasher, limiters };
  for (const [id, def] of definitions) {
    vendors.set(id, { accounts: new Accounts(id, deps, def.policy(parts.config), def.templates) });
  }
  const runtime: Runtime = {
    ...parts,
    users,
    codes,
    mailbox,
    hasher,
    tokens,
    journal,
    logger: parts.logger ?? consoleLogger,
    limiters,
    vendors,
    reset() {
      users.clear();
      codes.clear();
      mailbox.clear();
      journal.clear();
      parts.clock.reset();
      limiters.clear();
      for (const v of vendors.values()) v.accounts.mfa.reset();
    },
  };
  return runtime;
}
