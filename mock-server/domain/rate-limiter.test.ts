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
});
