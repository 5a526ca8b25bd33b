import { CHEAP_HASH_COST, type HashCost } from './domain/password-hasher';

/** Settings shared by every API; each API reads its own section from `apis`. */
export interface MockConfig {
  /** Secret for HS256 JWTs. Any string: these tokens protect nothing real. */
  jwtSecret: string;
  passwordHashCost: HashCost;
  /** Request journal entries kept (a ring buffer). */
  journalSize: number;
  /** Captured e-mails kept. */
  mailboxSize: number;
  /** Origins allowed by CORS besides any http://localhost, 127.0.0.1 or [::1] port. */
  corsOrigins: string[];
  /** Keep the state in this file across restarts (as `--state FILE`); unset: in memory only. */
  stateFile?: string;
  /** Per-API settings, keyed by API id (e.g. `emnify`); each API documents and defaults its own. */
  apis: Record<string, Record<string, unknown>>;
}

export const DEFAULT_CONFIG: MockConfig = {
  jwtSecret: 'authmock-development-secret',
  passwordHashCost: CHEAP_HASH_COST,
  journalSize: 1000,
  mailboxSize: 10_000,
  corsOrigins: [],
  apis: {},
};

export function resolveConfig(partial: Partial<MockConfig> = {}): MockConfig {
  return { ...DEFAULT_CONFIG, ...partial, apis: { ...DEFAULT_CONFIG.apis, ...(partial.apis ?? {}) } };
}

/** An API's own settings: its defaults overridden by what the config gives for it. */
export function apiSettings<T extends object>(config: MockConfig, id: string, defaults: T): T {
  return { ...defaults, ...(config.apis[id] as Partial<T> | undefined) };
}
