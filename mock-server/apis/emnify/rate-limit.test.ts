import type { CompiledOperation } from '../../../contracts/core';
import { authenticateRule, specLimit } from './rate-limit';

const op = (extensions: Record<string, unknown>) => ({ extensions }) as CompiledOperation;
const documented = op({ 'x-rate-limit': { requests: 100, window: 300, per: 'client-ip' } });

describe('the authenticate limit', () => {
  test.each([
    ['an entry', documented, { limit: 100, windowMs: 300_000 }],
    ['a list of entries (the first counts)', op({ 'x-rate-limit': [{ requests: 5, window: 1 }, { requests: 9, window: 9 }] }), { limit: 5, windowMs: 1000 }],
    ['no entry', op({}), undefined],
    ['a malformed entry', op({ 'x-rate-limit': { requests: '100' } }), undefined],
  ])('the spec’s x-rate-limit with %s gives %j', (_label, operation, rule) => {
    expect(specLimit(operation)).toEqual(rule);
  });

  test.each([
    [true, { limit: 100, windowMs: 300_000 }],
    [false, undefined],
    [{ limit: 3, windowMs: 1000 }, { limit: 3, windowMs: 1000 }],
  ] as const)('the setting %j gives %j', (setting, rule) => {
    expect(authenticateRule(setting, documented)).toEqual(rule);
  });
});
