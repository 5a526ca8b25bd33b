/** The only source of "now" in the mock, so tests and the admin API can travel in time. */
export interface Clock {
  now(): number;
}

/** Real time plus an offset that the admin API can move forward. */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly source: () => number = Date.now) {}
  now(): number {
    return this.source() + this.offsetMs;
  }
  advance(ms: number): number {
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
