export interface RateLimit {
  /** How many events a key may have in one window. */
  limit: number;
  windowMs: number;
}

/**
 * A sliding-window limiter keyed by a string (a user, an address). It keeps at
 * most `limit` timestamps per key and forgets keys whose window has passed.
 */
export class RateLimiter {
  private readonly events = new Map<string, number[]>();

  constructor(private readonly rule: RateLimit) {}

  /** Records an event if allowed. Returns 0 when allowed, else the milliseconds until it would be. */
  take(key: string, now: number): number {
    const since = now - this.rule.windowMs;
    const times = (this.events.get(key) ?? []).filter((t) => t > since);
    if (times.length >= this.rule.limit) {
      this.events.set(key, times);
      return times[0] + this.rule.windowMs - now;
    }
    times.push(now);
    this.events.set(key, times);
    if (this.events.size > 10_000) this.sweep(now);
    return 0;
  }

  private sweep(now: number): void {
    for (const [k, times] of this.events) if (times[times.length - 1] <= now - this.rule.windowMs) this.events.delete(k);
  }

  clear(): void {
    this.events.clear();
  }
}
