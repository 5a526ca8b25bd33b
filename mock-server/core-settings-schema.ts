import { MAX_DELAY_MS } from './domain/faults';
import { CHEAP_HASH_COST } from './domain/password-hasher';
import { int, type SettingsSchema } from './settings-schema';

// Data only (see settings-schema.ts): scripts/generate-config-types.js evaluates this module to type
// the settings (mock-server/generated/config.ts), so MockConfig follows this schema instead of restating it.

/**
 * The settings every API shares; `apis` gets one section per API that has settings (see `configSchema`).
 * `jwtSecret` is required although it has no default: its default is random for each process, so
 * resolveConfig puts it beneath the input instead, and the effective configuration always has one.
 */
export const CORE_CONFIG_SCHEMA: SettingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['jwtSecret', 'passwordHashCost', 'journalSize', 'journalBytes', 'mailboxSize', 'mailboxBytes', 'maxUsers', 'corsOrigins', 'allowedHosts', 'adminToken', 'maxTenants', 'latencyMs', 'honorPreferHeader', 'appLinks', 'apis'],
  properties: {
    jwtSecret: { type: 'string', minLength: 1, description: 'Secret of the HS256 JWTs the mock issues; random for each start unless set (set it to mint tokens in tests)' },
    passwordHashCost: {
      type: 'object',
      additionalProperties: false,
      required: ['N', 'r', 'p'],
      description: 'scrypt cost of stored password hashes; cheap, since mock passwords protect nothing',
      properties: { N: int('scrypt N (a power of two)', CHEAP_HASH_COST.N, 2), r: int('scrypt r', CHEAP_HASH_COST.r), p: int('scrypt p', CHEAP_HASH_COST.p) },
    },
    journalSize: int('Requests kept in the journal (a ring buffer)', 1000),
    journalBytes: int('Bytes the journals of all worlds keep together (an estimate: headers and bodies as text); past it the oldest entries of any world go first', 64 * 1024 * 1024, 64 * 1024),
    mailboxSize: int('E-mails kept in the mailbox (a ring buffer)', 10_000),
    mailboxBytes: int('Bytes the mailboxes of all worlds keep together (subject, address and text); past it the oldest mail of any world goes first', 64 * 1024 * 1024, 64 * 1024),
    maxUsers: int('Users all worlds hold together (fixtures included); past it a sign-up or a create answers 507 in the vendor\'s envelope until users or tenants are deleted or reset', 100_000, 100),
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
      default: 0,
      // No `type` beside `oneOf`: the shapes give it, and the generated type stays `number | [number, number]`.
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
        'The developer console\'s "Open in my app" links beside captured mail: http(s) URL templates by vendor, then mail kind, e.g. {"<vendor id>":{"activation":"http://localhost:3000/activate?code={code}"}}; {code}, {email}, {vendor} and {kind} are filled in, URL-encoded',
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
