import { discoverApis } from './apis';
import { ConfigError } from './config-schema';
import { resolveConfig, type ConfigInput } from './config';

const apis = discoverApis();
const resolve = (input: unknown) => resolveConfig(input as ConfigInput, apis, 'the config file team.json');

function refusal(input: unknown): ConfigError {
  try {
    resolve(input);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('the configuration was accepted');
}

describe('the configuration', () => {
  test.each([
    ['an unknown top-level key', { colour: 'blue' }, '/colour', "unknown key 'colour'; allowed keys: jwtSecret, passwordHashCost, journalSize, journalBytes, mailboxSize, mailboxBytes, maxUsers, corsOrigins, allowedHosts, adminToken, maxTenants, latencyMs, honorPreferHeader, stateFile, appLinks, apis"],
    ['a misspelt top-level key', { jounralSize: 10 }, '/jounralSize', "did you mean 'journalSize'?"],
    ['an unknown API', { apis: { emnfy: {} } }, '/apis/emnfy', "did you mean 'emnify'?"],
    ['a nested unknown key', { apis: { emnify: { lockout: { maxFailure: 5 } } } }, '/apis/emnify/lockout/maxFailure', "unknown key 'maxFailure' (did you mean 'maxFailures'?); allowed keys: maxFailures, lockMs"],
    ['a wrong type', { journalSize: 'big' }, '/journalSize', '"big" is not allowed (must be integer); allowed: an integer ≥ 1'],
    ['a wrong nested type', { apis: { akana: { resendPerAddress: 3 } } }, '/apis/akana/resendPerAddress', 'allowed: an object with limit, windowMs'],
    ['a number under its minimum', { apis: { 'edge-impulse': { jwtTtlSeconds: 0 } } }, '/apis/edge-impulse/jwtTtlSeconds', '0 is not allowed (must be >= 1)'],
    ['a wrong array item', { corsOrigins: ['http://a.example', 7] }, '/corsOrigins/1', 'allowed: a string'],
  ])('refuses %s, naming the file and the JSON pointer', (_label, input, pointer, message) => {
    const err = refusal(input);
    expect(err.message).toMatch(/^the config file team\.json is not a valid configuration:/);
    expect(err.problems).toContainEqual({ pointer, message: expect.stringContaining(message) });
  });

  test('refuses a value that is not an object', () => {
    expect(refusal([1, 2]).problems).toEqual([{ pointer: '', message: 'the configuration must be a JSON object' }]);
  });

  test('reports every problem at once', () => {
    expect(refusal({ colour: 'blue', journalSize: -1 }).problems.map((p) => p.pointer).sort()).toEqual(['/colour', '/journalSize']);
  });

  test.each([
    ['a nested setting keeps its siblings', { apis: { emnify: { lockout: { maxFailures: 5 } } } }, ['apis', 'emnify', 'lockout'], { maxFailures: 5, lockMs: 300_000 }],
    ['an API section keeps its other settings', { apis: { emnify: { revokeTokensOnPasswordChange: false } } }, ['apis', 'emnify', 'authTokenTtlSeconds'], 3600],
    ['another API keeps all its defaults', { apis: { emnify: { lockout: { maxFailures: 5 } } } }, ['apis', 'akana', 'resendPerAddress'], { limit: 3, windowMs: 600_000 }],
    ['an array replaces the default', { apis: { emnify: { recaptchaFailingTokens: ['no'] } } }, ['apis', 'emnify', 'recaptchaFailingTokens'], ['no']],
    ['a top-level setting keeps the others', { journalSize: 5 }, ['mailboxSize'], 10_000],
  ])('merges deeply over the defaults: %s', (_label, input, path, expected) => {
    let value: unknown = resolve(input);
    for (const key of path) value = (value as Record<string, unknown>)[key];
    expect(value).toEqual(expected);
  });

  test('the defaults alone are a valid configuration with a section per API that has settings', () => {
    const config = resolve({});
    expect(Object.keys(config.apis).sort()).toEqual(['akana', 'edge-impulse', 'emnify']);
    expect(config.journalSize).toBe(1000);
  });

  test('resolving leaves the input untouched', () => {
    const input = { apis: { emnify: { lockout: { maxFailures: 5 } } } };
    resolve(input);
    expect(input).toEqual({ apis: { emnify: { lockout: { maxFailures: 5 } } } });
  });
});
