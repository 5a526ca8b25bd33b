/** The only source of "now" in the mock, so tests and the admin API can travel in time. */
export interface Clock {
  now(): number;
}

/** The latest instant a JavaScript Date can hold (year 275760). */
export const MAX_DATE_MS = 8.64e15;
/**
 * The latest time the clock may show: a century short of the Date range, so
 * that anything expiring from it (a token, a cookie, a code) is still a valid date.
 */
export const LATEST_CLOCK_MS = MAX_DATE_MS - 100 * 365.25 * 24 * 3600 * 1000;
/** The most one move through the admin API may skip: ten years (its spec's maximum). */
export const MAX_ADVANCE_MS = 10 * 365.25 * 24 * 3600 * 1000;

/** Real time plus an offset that the admin API can move forward. */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly source: () => number = Date.now) {}
  now(): number {
    // Clamped, so that no state reached by any path can turn into an invalid Date.
    return Math.min(this.source() + this.offsetMs, LATEST_CLOCK_MS);
  }
  /** Whether `advance(ms)` would be accepted. */
  canAdvance(ms: number): boolean {
    return Number.isFinite(ms) && ms >= 0 && this.source() + this.offsetMs + ms <= LATEST_CLOCK_MS;
  }
  /** Moves forward by `ms`; throws a RangeError, changing nothing, when that leaves the allowed range. */
  advance(ms: number): number {
    if (!this.canAdvance(ms)) throw new RangeError(`advanceMs ${ms} would move the clock past ${new Date(LATEST_CLOCK_MS).toISOString()}`);
    this.offsetMs += ms;
    return this.now();
  }
  reset(): void {
    this.offsetMs = 0;
  }
  /** How far this clock is ahead of its source; kept in a state document. */
  get offset(): number {
    return this.offsetMs;
  }
  setOffset(ms: number): void {
    this.offsetMs = ms;
  }
  /** A clock on the same source with an offset of its own (a tenant's clock: moving it moves no other). */
  fork(): AdjustableClock {
    return new AdjustableClock(this.source);
  }
}

/** A clock that stands still until told to move; for tests. */
export class ManualClock extends AdjustableClock {
  constructor(start: number = Date.UTC(2026, 0, 1)) {
    super(() => start);
  }
}
