/** The only source of "now" in the mock, so tests and the admin API can travel in time. */
export interface Clock {
  now(): number;
}

/** Real time plus an offset that the admin API can move forward. */
export class AdjustableClock implements Clock {
  private offset = 0;
  constructor(private readonly source: () => number = Date.now) {}
  /** How far the clock is ahead of its source. */
  get offsetMs(): number {
    return this.offset;
  }
  now(): number {
    return this.source() + this.offsetMs;
  }
  advance(ms: number): number {
    this.offset += ms;
    return this.now();
  }
  reset(): void {
    this.offset = 0;
  }
}

/** A clock that stands still until told to move; for tests. */
export class ManualClock extends AdjustableClock {
  constructor(start: number = Date.UTC(2026, 0, 1)) {
    super(() => start);
  }
}
