import crypto from 'node:crypto';
import { ConfigError, resolveSettings, defaultsOf, type SettingsSchema } from './config-schema';
import { MAX_DELAY_MS } from './domain/faults';
import type { HashCost } from './domain/password-hasher';

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
  /**
   * Host names besides localhost and IP addresses that may reach the admin API
   * of a mock listening on loopback (DNS-rebinding protection). `.example.test`
   * allows the name and its subdomains.
   */
  allowedHosts: string[];
  /** When set, the admin API needs `Authorization: Bearer <adminToken>` (CLI: --admin-token, AUTHMOCK_ADMIN_TOKEN). */
  adminToken: string | null;
  /** Tenants kept at most; past it the least recently used one is dropped. */
  maxTenants: number;
  /** Added to every vendor request (not the admin API): milliseconds, or [min, max] for a uniform random delay. */
  latencyMs: number | [number, number];
  /** Whether `Prefer: code=…, delay=…` may steer a vendor request, as with Prism. */
  honorPreferHeader: boolean;
  /** Keep the state in this file across restarts (as `--state FILE`); unset: in memory only. */
  stateFile?: string;
  /** The console's "Open in my app" links: URL templates by vendor, then mail kind; `{code}`, `{email}`, `{vendor}`, `{kind}` are filled in. */
  appLinks: Record<string, Record<string, string>>;
  /** Per-API settings, keyed by API id (its folder's name); each API describes and defaults its own in its settings schema. */
  apis: Record<string, object>;
}

/** A configuration as given in a file or to `createApp`: any part of it, nested settings included. */
export type ConfigInput = { [K in keyof MockConfig]?: DeepPartial<MockConfig[K]> };
type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

const int = (description: string, value: number, minimum = 1, maximum?: number): SettingsSchema => ({
  type: 'integer',
  description,
  default: value,
  minimum,
  ...(maximum === undefined ? {} : { maximum }),
});

/** The settings every API shares; `apis` gets one section per API that has settings (see `configSchema`). */
export const CORE_CONFIG_SCHEMA: SettingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['passwordHashCost', 'journalSize', 'mailboxSize', 'corsOrigins', 'allowedHosts', 'adminToken', 'maxTenants', 'latencyMs', 'honorPreferHeader', 'appLinks', 'apis'],
  properties: {
    jwtSecret: { type: 'string', minLength: 1, description: 'Secret of the HS256 JWTs the mock issues; random for each start unless set (set it to mint tokens in tests)' },
    passwordHashCost: {
      type: 'object',
      additionalProperties: false,
      required: ['N', 'r', 'p'],
      description: 'scrypt cost of stored password hashes; cheap, since mock passwords protect nothing',
      properties: { N: int('scrypt N (a power of two)', 16, 2), r: int('scrypt r', 1), p: int('scrypt p', 1) },
    },
    journalSize: int('Requests kept in the journal (a ring buffer)', 1000),
    mailboxSize: int('E-mails kept in the mailbox (a ring buffer)', 10_000),
    corsOrigins: { type: 'array', items: { type: 'string' }, default: [], description: 'Origins allowed by CORS besides any localhost, 127.0.0.1 or [::1] port, e.g. ["http://dev.example.test:8080"]' },
    allowedHosts: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      default: [],
      description: 'Host names besides localhost and IP addresses that may reach /__admin of a mock listening on loopback (DNS-rebinding protection); ".example.test" allows the name and its subdomains',
    },
    adminToken: { type: ['string', 'null'], minLength: 1, default: null, description: 'When set, /__admin needs Authorization: Bearer <adminToken>, as --admin-token or AUTHMOCK_ADMIN_TOKEN' },
    maxTenants: int('Tenants kept at most (X-Authmock-Tenant, /__tenants/NAME); past it the least recently used is dropped', 256, 1, 100_000),
    latencyMs: {
      description: 'Delay added to every vendor request, not to /__admin, as `--latency`: milliseconds, or [min, max] (min ≤ max) for a uniform random delay',
      type: ['number', 'array'],
      default: 0,
      oneOf: [
        { type: 'number', minimum: 0, maximum: MAX_DELAY_MS },
        { type: 'array', minItems: 2, maxItems: 2, items: { type: 'number', minimum: 0, maximum: MAX_DELAY_MS } },
      ],
    },
    honorPreferHeader: { type: 'boolean', default: true, description: 'Let `Prefer: code=…, delay=…` steer vendor requests, as with Prism; false for contract runs that must not be steered' },
    stateFile: { type: 'string', minLength: 1, description: 'Keep the state in this file across restarts, as `--state` (unset: in memory only; see "State that lasts")' },
    appLinks: {
      type: 'object',
      default: {},
      description:
        'The developer console\'s "Open in my app" links beside captured mail: http(s) URL templates by vendor, then mail kind, e.g. {"edge-impulse":{"activation":"http://localhost:3000/activate?code={code}"}}; {code}, {email}, {vendor} and {kind} are filled in, URL-encoded',
      additionalProperties: { type: 'object', additionalProperties: { type: 'string', pattern: '^https?://' } },
    },
    apis: { type: 'object', additionalProperties: false, properties: {}, description: 'Each API’s own settings, by API id' },
  },
};

/** The whole configuration's schema: the shared settings and, under `apis`, each API's own section. */
export function configSchema(apis: readonly { id: string; settings?: SettingsSchema }[]): SettingsSchema {
  const sections = Object.fromEntries(apis.filter((a) => a.settings).map((a) => [a.id, a.settings!]));
  const core = CORE_CONFIG_SCHEMA.properties!;
  return {
    ...CORE_CONFIG_SCHEMA,
    properties: {
      ...core,
      apis: { ...core.apis, required: Object.keys(sections), properties: sections },
    },
  };
}

/**
 * The JWT secret when none is configured: random for each start of the
 * process, so a token from another run (or from the source) is refused.
 */
const PROCESS_JWT_SECRET = crypto.randomBytes(32).toString('base64url');

export const DEFAULT_CONFIG: MockConfig = { ...(defaultsOf(CORE_CONFIG_SCHEMA) as MockConfig), jwtSecret: PROCESS_JWT_SECRET };

/**
 * The effective configuration: every default, with `input` merged over it
 * setting by setting, checked against the schema. An unknown key or a wrong
 * type throws a ConfigError naming `source` and the JSON pointer.
 */
export function resolveConfig(
  input: ConfigInput | undefined = {},
  apis: readonly { id: string; settings?: SettingsSchema }[] = [],
  source = 'createApp({config})',
): MockConfig {
  const config = resolveSettings<MockConfig>(configSchema(apis), input, source);
  config.jwtSecret ??= PROCESS_JWT_SECRET;
  const latency = config.latencyMs;
  // The one rule the schema cannot say.
  if (Array.isArray(latency) && latency[0] > latency[1]) throw new ConfigError(source, [{ pointer: '/latencyMs', message: `[${latency.join(', ')}] has its minimum above its maximum` }]);
  return config;
}

/** An API's own settings, already merged and checked by resolveConfig; its schema's defaults when it was resolved without it. */
export function apiSettings<T extends object>(config: MockConfig, id: string, schema: SettingsSchema): T {
  return (config.apis[id] ?? defaultsOf(schema)) as T;
}
