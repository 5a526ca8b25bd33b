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
