/**
 * A fixed-capacity buffer that overwrites its oldest entry, so memory stays
 * flat however long the mock runs. It grows up to its capacity as entries
 * come, so an idle buffer (a tenant nobody mails) costs next to nothing.
 */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.items = [];
  }

  get size(): number {
    return this.count;
  }

  /** Adds an item; returns the oldest one it overwrote, if the buffer was full. */
  push(item: T): T | undefined {
    let overwritten: T | undefined;
    if (this.items.length < this.capacity) this.items.push(item);
    else {
      overwritten = this.count === this.capacity ? this.items[this.next] : undefined;
      this.items[this.next] = item;
    }
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
    return overwritten;
  }

  /** Removes and returns the oldest item (a memory bound outside the buffer asked for room). */
  dropOldest(): T | undefined {
    if (this.count === 0) return undefined;
    const index = (this.next - this.count + this.capacity) % this.capacity;
    const item = this.items[index];
    this.items[index] = undefined;
    this.count--;
    return item;
  }

  /** Every item, oldest first. */
  all(): T[] {
    return this.newestFirst().reverse();
  }

  /** Newest first, optionally only those that match, at most `limit`. */
  newestFirst(limit = this.count, match?: (item: T) => boolean): T[] {
    const out: T[] = [];
    for (let i = 1; i <= this.count && out.length < limit; i++) {
      const item = this.items[(this.next - i + this.capacity) % this.capacity] as T;
      if (!match || match(item)) out.push(item);
    }
    return out;
  }

  /** The item `offset` places back from the newest (0 = the newest), if it is still kept. */
  fromNewest(offset: number): T | undefined {
    if (!Number.isInteger(offset) || offset < 0 || offset >= this.count) return undefined;
    return this.items[(this.next - 1 - offset + this.capacity) % this.capacity];
  }

  clear(): void {
    this.items.length = 0;
    this.next = 0;
    this.count = 0;
  }
}
