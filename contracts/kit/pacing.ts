import type { CompiledOperation, CompiledSpec } from '../core';

/**
 * A vendor's documented request limit, from its spec: `x-rate-limit` on an
 * operation (that operation alone) or at the spec's root (every operation of
 * the vendor). The kit paces itself under them, so a contract run never trips
 * a limit on its own and locks a CI runner's address out of staging.
 */
export interface RateLimit {
  requests: number;
  /** The window, in seconds. */
  window: number;
  /** Who the vendor counts per (e.g. `client-ip`), for the report. */
  per?: string;
  source?: string;
}

function parseLimits(value: unknown, where: string): RateLimit[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((item: unknown) => {
    const l = item as Partial<RateLimit> | null;
    if (!l || !Number.isInteger(l.requests) || (l.requests as number) < 1 || typeof l.window !== 'number' || l.window <= 0) {
      throw new Error(`${where}: x-rate-limit needs a positive whole 'requests' and a positive 'window' in seconds, got ${JSON.stringify(item)}`);
    }
    return { requests: l.requests as number, window: l.window, per: l.per, source: l.source };
  });
}

/** The limits one call counts against, each with the key it is counted under. */
export function limitsOf(spec: CompiledSpec, op: CompiledOperation): { key: string; limit: RateLimit }[] {
  const vendorWide = parseLimits((spec.document as unknown as Record<string, unknown>)['x-rate-limit'], spec.name);
  const own = parseLimits(op.extensions['x-rate-limit'], `${spec.name} ${op.operationId}`);
  return [...vendorWide.map((limit) => ({ key: `${spec.name} *`, limit })), ...own.map((limit) => ({ key: `${spec.name} ${op.operationId}`, limit }))];
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/**
 * A sliding window per key: before a call, waits until fewer than `requests`
 * calls fall in the last `window` seconds. One pacer serves a whole run, so
 * the credential check, the suites and the flow tier share each budget.
 */
export class Pacer {
  private readonly sent = new Map<string, number[]>();
  /** Milliseconds waited in all, for the report. */
  waitedMs = 0;

  constructor(private readonly clock: Clock = realClock) {}

  async before(limits: readonly { key: string; limit: RateLimit }[]): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      let wait = 0;
      for (const { key, limit } of limits) {
        const windowMs = limit.window * 1000;
        const times = (this.sent.get(key) ?? []).filter((t) => t > now - windowMs);
        this.sent.set(key, times);
        if (times.length >= limit.requests) wait = Math.max(wait, times[times.length - limit.requests] + windowMs - now);
      }
      if (wait <= 0) break;
      this.waitedMs += wait;
      await this.clock.sleep(wait);
    }
    const now = this.clock.now();
    for (const { key } of limits) this.sent.get(key)?.push(now) ?? this.sent.set(key, [now]);
  }
}
