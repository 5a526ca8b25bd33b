import { loadCompiledSpecs } from '../core';
import { limitsOf, Pacer, type Clock, type RateLimit } from './pacing';

/** A clock that only moves when the pacer sleeps, so waits are exact and instant. */
function fakeClock(): Clock & { slept: number[] } {
  let now = 1_000_000;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

const limit = (requests: number, window: number): RateLimit => ({ requests, window });

describe('the pacer keeps calls under a documented limit', () => {
  test('100 calls in a 300 s window go at once; the 101st waits until the first leaves the window', async () => {
    const clock = fakeClock();
    const pacer = new Pacer(clock);
    const limits = [{ key: 'emnify authenticate', limit: limit(100, 300) }];
    for (let i = 0; i < 100; i++) await pacer.before(limits);
    expect(clock.slept).toEqual([]);
    await pacer.before(limits);
    expect(clock.slept).toEqual([300_000]);
    expect(pacer.waitedMs).toBe(300_000);
  });

  test('no window ever holds more calls than the limit, whatever the spacing', async () => {
    const clock = fakeClock();
    const pacer = new Pacer(clock);
    const times: number[] = [];
    const limits = [{ key: 'k', limit: limit(3, 10) }];
    for (let i = 0; i < 20; i++) {
      await pacer.before(limits);
      times.push(clock.now());
      await clock.sleep(i % 4 === 0 ? 2_500 : 100);
    }
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 10_000).length).toBeLessThanOrEqual(3);
  });

  test('an operation counts against its own limit and the vendor-wide one; other keys are not held up', async () => {
    const clock = fakeClock();
    const pacer = new Pacer(clock);
    const wide = { key: 'v *', limit: limit(2, 60) };
    await pacer.before([wide, { key: 'v login', limit: limit(5, 60) }]);
    await pacer.before([wide]);
    await pacer.before([{ key: 'other *', limit: limit(1, 60) }]);
    expect(clock.slept).toEqual([]);
    await pacer.before([wide]);
    expect(clock.slept).toEqual([60_000]);
  });
});

test('the EMnify spec states its documented limits, so the kit keeps authenticate within 100 calls per 5 minutes', async () => {
  const specs = await loadCompiledSpecs(undefined, { validate: false });
  const emnify = specs.get('emnify')!;
  expect(limitsOf(emnify, emnify.byOperationId.get('authenticate')!).map(({ key, limit }) => [key, limit.requests, limit.window])).toEqual([
    ['emnify *', 2000, 300],
    ['emnify authenticate', 100, 300],
  ]);
  expect(limitsOf(emnify, emnify.byOperationId.get('user_password_patch')!).map(({ key }) => key)).toEqual(['emnify *']);
});
