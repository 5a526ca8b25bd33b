export interface RateLimit {
  /** How many events a key may have in one window. */
  limit: number;
  windowMs: number;
  /**
   * Keys remembered at most (default 100,000). Past that the key with the
   * oldest event is forgotten, so memory stays bounded under any number of addresses.
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
 * Every recorded event in the order it happened, keys beside times. The
 * front holds the oldest events, so expired keys are found there; each
 * event is appended once and dropped once, which keeps eviction amortised
 * O(1) per request however many keys there are. (Iterating the map of logs
 * from its start instead costs a walk over every deleted entry V8 has not
 * compacted yet: that was O(keys) per request.)
 */
class EventQueue {
  private keys: string[] = [];
  private times: number[] = [];
  private head = 0;

  get length(): number {
    return this.keys.length - this.head;
  }

  push(key: string, time: number): void {
    this.keys.push(key);
    this.times.push(time);
  }

  frontTime(): number | undefined {
    return this.head < this.keys.length ? this.times[this.head] : undefined;
  }

  shift(): string {
    const key = this.keys[this.head++];
    if (this.head > 1024 && this.head * 2 > this.keys.length) {
      this.keys = this.keys.slice(this.head);
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    return key;
  }

  clear(): void {
    this.keys = [];
    this.times = [];
    this.head = 0;
  }
}

/**
 * A sliding-window limiter keyed by a string (a user, an address). Pruning a
 * key's log is amortised O(1), so even a limit of millions per window stays
 * cheap; keys whose window has passed are forgotten as the events that kept
 * them leave the window, and the number of keys is bounded.
 */
export class RateLimiter {
  private readonly logs = new Map<string, Log>();
  private readonly events = new EventQueue();
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
    this.events.push(key, now);
    if (this.logs.size > this.maxKeys) this.evictOldestKey(key);
    return 0;
  }

  /** Drops events that left the window; a key goes with its last event. */
  private evictExpired(since: number): void {
    for (let t = this.events.frontTime(); t !== undefined && t <= since; t = this.events.frontTime()) {
      const key = this.events.shift();
      const log = this.logs.get(key);
      if (log && (log.times.length === log.head || last(log) <= since)) this.logs.delete(key);
    }
  }

  /** Over the bound: forgets the key with the oldest event still queued (never `keep`, the one just recorded). */
  private evictOldestKey(keep: string): void {
    while (this.logs.size > this.maxKeys && this.events.length > 0) {
      const key = this.events.shift();
      if (key !== keep) this.logs.delete(key);
    }
  }

  clear(): void {
    this.logs.clear();
    this.events.clear();
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
    this.clear();
    const logs = Object.entries(windows)
      .filter(([, times]) => times.length > 0)
      .map(([key, times]) => [key, { times: [...times].sort((a, b) => a - b), head: 0 }] as const)
      .sort(([, a], [, b]) => last(a) - last(b))
      .slice(-this.maxKeys);
    for (const [key, log] of logs) this.logs.set(key, log);
    // The queue must see every event in time order, so that eviction finds expired keys at its front.
    const all = logs.flatMap(([key, log]) => log.times.map((time) => ({ key, time }))).sort((a, b) => a.time - b.time);
    for (const { key, time } of all) this.events.push(key, time);
  }
}
