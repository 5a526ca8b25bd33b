import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { discoverApis } from '../../mock-server/apis';
import { emnifySettings, SETTINGS_SCHEMA as EMNIFY_SCHEMA, type EmnifySettings } from '../../mock-server/apis/emnify/settings';
import { apiSettings, CORE_CONFIG_SCHEMA, DEFAULT_CONFIG, resolveConfig } from '../../mock-server/config';
import { resolveSettings } from '../../mock-server/config-schema';

const ROOT = path.join(__dirname, '..', '..');
const APIS = path.join(ROOT, 'mock-server', 'apis');

describe('the settings types generated from the schemas', () => {
  test('mock-server/generated/config.ts is what the schemas generate today', () => {
    // If this fails, run `npm run types`: a schema changed since the types were generated.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authmock-config-types-'));
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'generate-config-types.js'), dir], { cwd: ROOT, stdio: 'pipe' });
      const fresh = fs.readFileSync(path.join(dir, 'config.ts'), 'utf8');
      expect(fs.readFileSync(path.join(ROOT, 'mock-server', 'generated', 'config.ts'), 'utf8')).toBe(fresh);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("every API serves the settings schema its folder's settings-schema.ts holds, the one its type is generated from", () => {
    for (const api of discoverApis()) {
      const file = path.join(APIS, api.id, 'settings-schema.ts');
      if (!api.settings) {
        expect(fs.existsSync(file)).toBe(false);
        continue;
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      expect((require(file) as { SETTINGS_SCHEMA: unknown }).SETTINGS_SCHEMA).toBe(api.settings);
    }
  });

  test('DEFAULT_CONFIG, typed CoreSettings without a check at start-up, satisfies the shared settings schema', () => {
    expect(resolveSettings(CORE_CONFIG_SCHEMA, DEFAULT_CONFIG, 'DEFAULT_CONFIG')).toEqual(DEFAULT_CONFIG);
  });

  test("an API's settings are typed by its id", () => {
    const config = resolveConfig({ apis: { emnify: { lockout: { maxFailures: 5 } } } }, discoverApis());
    const settings: EmnifySettings = apiSettings(config, 'emnify', EMNIFY_SCHEMA);
    expect(settings.lockout).toEqual({ maxFailures: 5, lockMs: 300_000 });
    // @ts-expect-error: no API with settings has the id 'acme'
    apiSettings(config, 'acme', EMNIFY_SCHEMA);
  });

  test("an API's settings are its schema's defaults when the configuration was resolved without it", () => {
    const config = resolveConfig({}, []);
    expect(config.apis).toEqual({});
    expect(emnifySettings(config).lockout).toEqual({ maxFailures: 3, lockMs: 300_000 });
  });
});
