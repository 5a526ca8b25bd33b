import { LimiterRegistry } from './limiters';

describe('LimiterRegistry', () => {
  test('windows saved from one registry hold in another, and expired events are left out', () => {
    const a = new LimiterRegistry();
    const limiter = a.create('akana.resendPerAddress', { limit: 2, windowMs: 1000 });
    limiter.take('x@akana.example', 0);
    limiter.take('x@akana.example', 500);
    limiter.take('y@akana.example', 100);
    const saved = a.snapshot(1100);
    expect(saved).toEqual({ 'akana.resendPerAddress': { 'x@akana.example': [500] } });

    const b = new LimiterRegistry();
    const restored = b.create('akana.resendPerAddress', { limit: 1, windowMs: 1000 });
    b.restore(saved);
    expect(restored.take('x@akana.example', 1100)).toBe(400);
    expect(restored.take('y@akana.example', 1100)).toBe(0);
  });

  test('a limiter created again under its name replaces the old one, and clear empties every window', () => {
    const r = new LimiterRegistry();
    r.create('a', { limit: 1, windowMs: 1000 }).take('k', 0);
    const fresh = r.create('a', { limit: 1, windowMs: 1000 });
    // The replacement has no events, and a limiter without events is left out of the document.
    expect(r.snapshot(0)).toEqual({});
    fresh.take('k', 0);
    r.clear();
    expect(fresh.take('k', 1)).toBe(0);
  });

  test('a limiter without events is left out of the document, so one made on first use changes nothing', () => {
    const r = new LimiterRegistry();
    const before = r.snapshot(0);
    r.create('emnify.authenticatePerIp', { limit: 100, windowMs: 300_000 });
    expect(r.snapshot(0)).toEqual(before);
  });
});
