import { inertContext } from './context';
import { collectTiers, defineSuite } from './define';

describe('a suite definition', () => {
  test('registers tiers with their tests and declared calls, in order', () => {
    const suite = defineSuite('v', (s) => {
      s.tier('public', 'reads', () => {
        s.test('one', ['login'], async () => undefined);
        s.test('two', { calls: ['login', 'me'], changes: 'nothing much' }, async () => undefined);
      });
      s.tier('flow', 'flows', () => s.test('three', ['signUp'], async () => undefined));
    });
    const tiers = collectTiers(suite, inertContext('v'));
    expect(tiers.map((t) => [t.tier, t.title, t.tests.map((x) => [x.title, x.options])])).toEqual([
      ['public', 'reads', [['one', { calls: ['login'] }], ['two', { calls: ['login', 'me'], changes: 'nothing much' }]]],
      ['flow', 'flows', [['three', { calls: ['signUp'] }]]],
    ]);
  });

  test.each([
    ['a test outside a tier', defineSuite('v', (s) => s.test('lost', ['x'], async () => undefined)), "v suite: test 'lost' is outside any tier"],
    ['a tier in a tier', defineSuite('v', (s) => s.tier('public', 'outer', () => s.tier('flow', 'inner', () => undefined))), "v suite: tier 'inner' is inside tier 'outer'"],
    ['a test that names no call', defineSuite('v', (s) => s.tier('public', 't', () => s.test('empty', [], async () => undefined))), "v suite: test 'empty' names no operation it calls"],
  ])('refuses %s', (_label, suite, message) => {
    expect(() => collectTiers(suite, inertContext('v'))).toThrow(message);
  });

  test('run-time calls while only listing say so', () => {
    expect(() => inertContext('v').call('login')).toThrow('run-time calls are not available while the suite is only being listed');
  });
});
