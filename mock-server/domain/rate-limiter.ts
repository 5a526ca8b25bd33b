export interface RateLimit {
  /** How many events a key may have in one window. */
  limit: number;
  windowMs: number;
  /**
   * Keys remembered at most (default 100,000). Past that the least recently
   * used key is forgotten, so memory stays bounded under any number of addresses.
   */
  maxKeys?: number;
}

export const DEFAULT_MAX_KEYS = 100_000;

/** One key's event times in order; `head` skips the ones that left the window without copying. */
interface Log {
  times: number[];
  head: number;
}

const last = (log: Log): number => log.times[log.times.length - 1];

/**
 * A sliding-window limiter keyed by a string (a user, an address). Pruning a
 * key's log is amortised O(1), so even a limit of millions per window stays
 * cheap. The map of logs is kept in order of each key's latest event (a key
 * moves to the end when it records one), so keys whose window has passed are
 * all at the front: each request evicts from there, and every eviction was
 * paid for by the insertion before it.
 */
export class RateLimiter {
  private readonly logs = new Map<string, Log>();
  private readonly maxKeys: number;

  constructor(private readonly rule: RateLimit) {
    this.maxKeys = rule.maxKeys ?? DEFAULT_MAX_KEYS;
  }

  get size(): number {
    return this.logs.size;
  }

  /** Records an event if allowed. Returns 0 when allowed, else the milliseconds until it would be. */
  take(key: string, now: number): number {
    const since = now - this.rule.windowMs;
    this.evictExpired(since);
    let log = this.logs.get(key);
    if (!log) this.logs.set(key, (log = { times: [], head: 0 }));
    while (log.head < log.times.length && log.times[log.head] <= since) log.head++;
    if (log.head > 64 && log.head * 2 > log.times.length) {
      log.times = log.times.slice(log.head);
      log.head = 0;
    }
    if (log.times.length - log.head >= this.rule.limit) return log.times.length > log.head ? log.times[log.head] + this.rule.windowMs - now : this.rule.windowMs;
    log.times.push(now);
    // To the end of the map: it now holds the latest event of all.
    this.logs.delete(key);
    this.logs.set(key, log);
    if (this.logs.size > this.maxKeys) this.logs.delete(this.logs.keys().next().value!);
    return 0;
  }

  private evictExpired(since: number): void {
    for (const [key, log] of this.logs) {
      if (log.times.length > log.head && last(log) > since) return;
      this.logs.delete(key);
    }
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
    const logs = Object.entries(windows)
      .filter(([, times]) => times.length > 0)
      .map(([key, times]) => [key, { times: [...times].sort((a, b) => a - b), head: 0 }] as const);
    // In order of each key's latest event, as take() keeps them, so eviction stays at the front.
    logs.sort(([, a], [, b]) => last(a) - last(b));
    for (const [key, log] of logs.slice(-this.maxKeys)) this.logs.set(key, log);
  }
}
