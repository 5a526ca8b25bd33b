/**
 * One bound, in bytes, on a kind of buffer across every world of an app: the
 * journals of all tenants together, or their mailboxes together. Each entry is
 * charged when kept; past the limit the oldest entries of any world go first,
 * each through the `drop` its owner gave. An owner that lets an entry go itself
 * (its ring overwrote it, the world was reset or dropped) releases its charge.
 * Sizes are estimates (string lengths), which is what a bound needs.
 */
export interface Charge {
  readonly bytes: number;
  live: boolean;
  readonly drop: () => void;
}

export class ByteBudget {
  private queue: Charge[] = [];
  private head = 0;
  private dead = 0;
  /** Bytes charged and not yet released. */
  used = 0;
  /** Entries dropped to stay under the limit, since start. */
  evicted = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a byte budget must be a positive integer, got ${limit}`);
  }

  charge(bytes: number, drop: () => void): Charge {
    const charge: Charge = { bytes, live: true, drop };
    this.queue.push(charge);
    this.used += bytes;
    while (this.used > this.limit && this.head < this.queue.length) {
      const oldest = this.queue[this.head++];
      if (!oldest.live) {
        this.dead--;
        continue;
      }
      oldest.live = false;
      this.used -= oldest.bytes;
      this.evicted++;
      oldest.drop();
    }
    this.compact();
    return charge;
  }

  release(charge: Charge | undefined): void {
    if (!charge?.live) return;
    charge.live = false;
    this.used -= charge.bytes;
    this.dead++;
    this.compact();
  }

  /** Released charges wait in the queue; past as many as are live (and a floor), they are swept out. */
  private compact(): void {
    const waiting = this.queue.length - this.head;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    if (this.dead > 1024 && this.dead * 2 > waiting) {
      this.queue = this.queue.slice(this.head).filter((c) => c.live);
      this.head = 0;
      this.dead = 0;
    }
  }

  /** How many charges are queued, live or released; bounded by twice the live ones plus a constant. */
  get queued(): number {
    return this.queue.length - this.head;
  }
}
