export interface RateLimit {
  /** How many events a key may have in one window. */
  limit: number;
  windowMs: number;
}

/** One key's event times in order; `head` skips the ones that left the window without copying. */
interface Log {
  times: number[];
  head: number;
}

/**
 * A sliding-window limiter keyed by a string (a user, an address). Pruning a
 * key's log is amortised O(1), so even a limit of millions per window stays
 * cheap; keys whose window has passed are forgotten.
 */
export class RateLimiter {
  private readonly logs = new Map<string, Log>();

  constructor(private readonly rule: RateLimit) {}

  /** Records an event if allowed. Returns 0 when allowed, else the milliseconds until it would be. */
  take(key: string, now: number): number {
    const since = now - this.rule.windowMs;
    let log = this.logs.get(key);
    if (!log) this.logs.set(key, (log = { times: [], head: 0 }));
    while (log.head < log.times.length && log.times[log.head] <= since) log.head++;
    if (log.head > 64 && log.head * 2 > log.times.length) {
      log.times = log.times.slice(log.head);
      log.head = 0;
    }
    if (log.times.length - log.head >= this.rule.limit) return log.times[log.head] + this.rule.windowMs - now;
    log.times.push(now);
    if (this.logs.size > 10_000) this.sweep(since);
    return 0;
  }

  private sweep(since: number): void {
    for (const [k, log] of this.logs) if (log.times[log.times.length - 1] <= since) this.logs.delete(k);
  }

  clear(): void {
    this.logs.clear();
  }

  /** Each key's event times still inside the window, for a state document. */
  snapshot(now: number): Record<string, number[]> {
    const since = now - this.rule.windowMs;
    const out: Record<string, number[]> = {};
    for (const [key, log] of this.logs) {
      const times = log.times.slice(log.head).filter((t) => t > since);
      if (times.length) out[key] = times;
    }
    return out;
  }

  restore(windows: Readonly<Record<string, readonly number[]>>): void {
    this.logs.clear();
    for (const [key, times] of Object.entries(windows)) this.logs.set(key, { times: [...times].sort((a, b) => a - b), head: 0 });
  }
}
