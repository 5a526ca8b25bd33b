import { ByteBudget } from './byte-budget';

describe('a byte budget shared by many owners', () => {
  test('past the limit the oldest entries go first, whoever owns them', () => {
    const budget = new ByteBudget(100);
    const dropped: string[] = [];
    budget.charge(40, () => dropped.push('a1'));
    budget.charge(40, () => dropped.push('b1'));
    budget.charge(10, () => dropped.push('a2'));
    expect(dropped).toEqual([]);
    budget.charge(30, () => dropped.push('b2'));
    expect(dropped).toEqual(['a1']);
    expect(budget.used).toBe(80);
    expect(budget.evicted).toBe(1);
  });

  test('an entry its owner released is not dropped again and no longer counts', () => {
    const budget = new ByteBudget(100);
    const dropped: string[] = [];
    const first = budget.charge(60, () => dropped.push('first'));
    budget.release(first);
    budget.release(first);
    budget.charge(60, () => dropped.push('second'));
    expect(dropped).toEqual([]);
    expect(budget.used).toBe(60);
  });

  test('one entry larger than the whole budget is dropped at once rather than kept', () => {
    const budget = new ByteBudget(10);
    const dropped: string[] = [];
    budget.charge(11, () => dropped.push('huge'));
    expect(dropped).toEqual(['huge']);
    expect(budget.used).toBe(0);
  });

  test('released charges do not pile up behind an old live one (an idle world’s entry)', () => {
    const budget = new ByteBudget(1_000_000);
    budget.charge(1, () => undefined);
    for (let i = 0; i < 100_000; i++) budget.release(budget.charge(1, () => undefined));
    expect(budget.queued).toBeLessThan(3000);
    expect(budget.used).toBe(1);
  });

  test.each([0, -1, 1.5])('refuses a limit of %p', (limit) => {
    expect(() => new ByteBudget(limit)).toThrow('a byte budget must be a positive integer');
  });
});
