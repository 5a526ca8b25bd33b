import { toBase64url } from './domain/bytes';
import { secureRandomBytes } from './domain/random';
import { ConfigError, defaultsOf, resolveSettings, type SettingsSchema } from './config-schema';
import { CORE_CONFIG_SCHEMA, configSchema } from './core-settings-schema';
import type { ApiSettings, CoreSettings, MockConfig } from './generated/config';

// The schemas are the one place settings are written; their types are generated from them at build
// (scripts/generate-config-types.js → mock-server/generated/config.ts).
export { CORE_CONFIG_SCHEMA, configSchema };
export type { ApiSettings, CoreSettings, MockConfig };

/** The id of an API that has settings: a folder of mock-server/apis with a settings-schema.ts. */
export type ApiId = keyof ApiSettings;

/** A configuration as given in a file or to `createApp`: any part of it, nested settings included. */
export type ConfigInput = { [K in keyof MockConfig]?: DeepPartial<MockConfig[K]> };
type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/**
 * The JWT secret when none is configured: random for each start of the
 * process, so a token from another run (or from the source) is refused.
 */
const PROCESS_JWT_SECRET = toBase64url(secureRandomBytes(32));

/** The input with the process's JWT secret beneath it: a default the schema cannot hold, since it differs per process. */
function withProcessSecret(input: unknown): unknown {
  // Anything but an object is left for resolveSettings to refuse.
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  return 'jwtSecret' in input && input.jwtSecret !== undefined ? input : { ...input, jwtSecret: PROCESS_JWT_SECRET };
}

/**
 * The shared settings' defaults; `apis` is empty, since each API's defaults live in its own schema.
 * Not run through AJV: compiling the schema at import would slow every start of the CLI (by about
 * 0.2 s here) for a constant only users read. test/config/config-types.test.ts checks it against the schema.
 */
export const DEFAULT_CONFIG: CoreSettings = { ...(defaultsOf(CORE_CONFIG_SCHEMA) as Omit<CoreSettings, 'jwtSecret'>), jwtSecret: PROCESS_JWT_SECRET };

/**
 * The effective configuration: every default, with `input` merged over it
 * setting by setting, checked against the schema. An unknown key or a wrong
 * type throws a ConfigError naming `source` and the JSON pointer. Given every
 * API with settings (as createApp and the CLI give them), the result has every
 * section MockConfig types; apiSettings covers a configuration resolved with fewer.
 */
export function resolveConfig(
  input: ConfigInput | undefined = {},
  apis: readonly { id: string; settings?: SettingsSchema }[] = [],
  source = 'createApp({config})',
): MockConfig {
  const config = resolveSettings<MockConfig>(configSchema(apis), withProcessSecret(input), source);
  const latency = config.latencyMs;
  // The one rule the schema cannot say.
  if (Array.isArray(latency) && latency[0] > latency[1]) throw new ConfigError(source, [{ pointer: '/latencyMs', message: `[${latency.join(', ')}] has its minimum above its maximum` }]);
  return config;
}

/**
 * An API's own settings, already merged and checked by resolveConfig, typed by the API's id;
 * its schema's defaults when the configuration was resolved without that API.
 */
export function apiSettings<Id extends ApiId>(config: MockConfig, id: Id, schema: SettingsSchema): ApiSettings[Id] {
  // Indexed as a partial map: MockConfig holds every section only when every API was resolved.
  const apis: Partial<ApiSettings> = config.apis;
  return apis[id] ?? resolveSettings<ApiSettings[Id]>(schema, {}, `the defaults of apis.${id}`);
}
