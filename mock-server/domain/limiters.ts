import { RateLimiter, type RateLimit } from './rate-limiter';

/**
 * The rate limiters of one world, by name, so that their windows can be saved
 * and restored with the rest of the state without each owner knowing how.
 * Creating a limiter under a name that exists replaces it (an API's state is
 * built afresh on every reset).
 */
export class LimiterRegistry {
  private readonly limiters = new Map<string, RateLimiter>();

  create(name: string, rule: RateLimit): RateLimiter {
    const limiter = new RateLimiter(rule);
    this.limiters.set(name, limiter);
    return limiter;
  }

  clear(): void {
    for (const l of this.limiters.values()) l.clear();
  }

  snapshot(now: number): Record<string, Record<string, number[]>> {
    const out: Record<string, Record<string, number[]>> = {};
    for (const [name, l] of this.limiters) {
      const windows = l.snapshot(now);
      // An empty window says nothing `restore` needs, and a limiter made on first use (one that
      // reads its figures from a spec when the first request comes) would otherwise change the document.
      if (Object.keys(windows).length > 0) out[name] = windows;
    }
    return out;
  }

  /** Windows for limiters this mock does not have (a vendor's limit switched off) are ignored. */
  restore(windows: Readonly<Record<string, Readonly<Record<string, readonly number[]>>>>): void {
    for (const [name, l] of this.limiters) l.restore(windows[name] ?? {});
  }
}
