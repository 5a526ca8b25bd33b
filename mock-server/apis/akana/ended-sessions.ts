/** How many ended sessions a world remembers; past it the one that expires first is forgotten. */
export const MAX_ENDED_SESSIONS = 10_000;

/**
 * Sessions ended by endsession or logout. A session's cookie is a JWT that
 * stays valid until it expires, so an ended session is remembered by its id
 * until then; after that the JWT's own expiry refuses it. Bounded: past the
 * bound, entries already expired go first, then the one that expires soonest.
 */
export class EndedSessions {
  private readonly until = new Map<string, number>();

  constructor(private readonly max = MAX_ENDED_SESSIONS) {}

  get size(): number {
    return this.until.size;
  }

  end(sid: string, expiresAt: number, now: number): void {
    if (this.until.size >= this.max) this.prune(now);
    this.until.set(sid, Math.max(expiresAt, this.until.get(sid) ?? 0));
  }

  has(sid: string, now: number): boolean {
    const until = this.until.get(sid);
    return until !== undefined && until > now;
  }

  private prune(now: number): void {
    for (const [sid, until] of this.until) if (until <= now) this.until.delete(sid);
    while (this.until.size >= this.max) {
      let soonest: [string, number] | undefined;
      for (const entry of this.until) if (!soonest || entry[1] < soonest[1]) soonest = entry;
      this.until.delete(soonest![0]);
    }
  }
}
