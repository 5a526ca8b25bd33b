import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  test('allows limit events per window per key and says how long to wait', () => {
    const l = new RateLimiter({ limit: 2, windowMs: 1000 });
    expect(l.take('a', 0)).toBe(0);
    expect(l.take('a', 100)).toBe(0);
    expect(l.take('a', 200)).toBe(800);
    expect(l.take('b', 200)).toBe(0);
    expect(l.take('a', 1000)).toBe(0);
  });

  test('a large limit keeps counting right as old events leave the window', () => {
    const l = new RateLimiter({ limit: 1000, windowMs: 100 });
    for (let t = 0; t < 5000; t++) expect(l.take('k', t)).toBe(0);
    // One attempt every 10 ms against 3 per 100 ms: three of every ten get through.
    const busy = new RateLimiter({ limit: 3, windowMs: 100 });
    let allowed = 0;
    for (let t = 0; t < 1000; t += 10) if (busy.take('k', t) === 0) allowed++;
    expect(allowed).toBe(30);
  });
});

describe('RateLimiter eviction', () => {
  test('keys whose window has passed are forgotten as time moves on', () => {
    const l = new RateLimiter({ limit: 1, windowMs: 100 });
    for (let i = 0; i < 1000; i++) l.take(`k${i}`, i);
    expect(l.size).toBeLessThanOrEqual(101);
    l.take('late', 10_000);
    expect(l.size).toBe(1);
  });

  test('the number of keys stays at most maxKeys, forgetting the least recently used', () => {
    const l = new RateLimiter({ limit: 1, windowMs: 1e9, maxKeys: 50 });
    for (let i = 0; i < 500; i++) expect(l.take(`k${i}`, i)).toBe(0);
    expect(l.size).toBe(50);
    expect(l.take('k499', 600)).toBeGreaterThan(0);
    expect(l.take('k0', 600)).toBe(0);
  });

  test('a key that keeps being refused is still limited, and evicted once its window passes', () => {
    const l = new RateLimiter({ limit: 1, windowMs: 100 });
    expect(l.take('a', 0)).toBe(0);
    expect(l.take('b', 50)).toBe(0);
    expect(l.take('a', 60)).toBe(40);
    expect(l.take('a', 99)).toBe(1);
    expect(l.take('a', 100)).toBe(0);
    expect(l.take('c', 151)).toBe(0);
    expect(l.size).toBe(2);
  });

  test('with many distinct keys, the map holds only those of the current window', () => {
    const l = new RateLimiter({ limit: 1, windowMs: 10 });
    for (let i = 0; i < 200_000; i++) {
      l.take(`addr-${i}@x.example`, i);
      if (i % 1000 === 0) expect(l.size).toBeLessThanOrEqual(11);
    }
  });
});
