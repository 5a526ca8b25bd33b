import { delayProblem, drawDelay, FaultRules, unitDraw } from './faults';
import { seededRandom } from './random';

const targets = new Map([
  ['emnify', new Set(['authenticate', 'user_activation_post'])],
  ['akana', new Set(['resendActivation'])],
]);

describe('FaultRules', () => {
  test('takes the first matching rule in creation order and counts it down', () => {
    const rules = new FaultRules(seededRandom('t'), targets);
    const a = rules.add({ vendor: 'emnify', operationId: 'authenticate', status: 500, times: 1 });
    const b = rules.add({ vendor: 'emnify', status: 503 });
    expect(rules.take('emnify', 'authenticate')?.id).toBe(a.id);
    expect(rules.size).toBe(1);
    expect(rules.take('emnify', 'authenticate')?.id).toBe(b.id);
    expect(rules.take('akana', 'resendActivation')).toBeUndefined();
  });

  test('a rule with probability p applies to about p of the requests, drawn from the injected source', () => {
    const rules = new FaultRules(seededRandom('probability'), targets);
    rules.add({ status: 500, probability: 0.3 });
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (rules.take('akana', 'resendActivation')) hits++;
    expect(hits).toBeGreaterThan(2_800);
    expect(hits).toBeLessThan(3_200);
  });

  test('the same seed gives the same sequence of hits', () => {
    const run = () => {
      const rules = new FaultRules(seededRandom('repeat'), targets);
      rules.add({ status: 500, probability: 0.5 });
      return Array.from({ length: 50 }, () => (rules.take('emnify', 'authenticate') ? 1 : 0)).join('');
    };
    expect(run()).toBe(run());
  });

  test('listed rules are copies: changing them changes nothing stored', () => {
    const rules = new FaultRules(seededRandom('t'), targets);
    rules.add({ status: 500, times: 3 });
    rules.list()[0].remaining = 99;
    expect(rules.list()[0].remaining).toBe(3);
  });

  test('ids keep counting after a clear, so an old id never names a new rule', () => {
    const rules = new FaultRules(seededRandom('t'), targets);
    const first = rules.add({ status: 500 });
    rules.clear();
    expect(rules.add({ status: 500 }).id).not.toBe(first.id);
    expect(rules.remove(first.id)).toBe(false);
  });
});

describe('delays', () => {
  test('a range draws uniformly between its bounds, both included', () => {
    const random = seededRandom('delay');
    const draws = Array.from({ length: 2_000 }, () => drawDelay(random, [10, 20]));
    expect(Math.min(...draws)).toBe(10);
    expect(Math.max(...draws)).toBe(20);
    expect(drawDelay(random, 75)).toBe(75);
    expect(drawDelay(random, [40, 40])).toBe(40);
  });

  test('unitDraw stays in [0, 1)', () => {
    expect(unitDraw({ bytes: (n) => Buffer.alloc(n, 0xff) })).toBeLessThan(1);
    expect(unitDraw({ bytes: (n) => Buffer.alloc(n, 0) })).toBe(0);
  });

  test.each([
    [0, null],
    [60_000, null],
    [[0, 60_000], null],
    [-1, 'must be'],
    [60_001, 'must be'],
    [Number.NaN, 'must be'],
    [[5, 1], 'has its minimum 5 above its maximum 1'],
    [[1], 'must be'],
    ['5', 'must be'],
  ])('delayProblem(%j) is %s', (spec, problem) => {
    const found = delayProblem(spec);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });
});
