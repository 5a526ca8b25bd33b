/** One page of a newest-first listing; `next` continues after its last item, null when nothing is left. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface PageRequest {
  limit: number;
  /** From a previous page's `next`: items older than it. */
  cursor?: string;
}

export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1000;

/** Cursors are the id of the last item shown; anything else starts from the newest. */
export function cursorId(cursor: string | undefined): number {
  if (cursor === undefined || !/^\d{1,16}$/.test(cursor)) return Number.POSITIVE_INFINITY;
  return Number(cursor);
}

/**
 * Ids in ascending order, appended at the end and dropped from the front, as
 * a ring buffer drops its oldest. Both are amortised O(1); a page is a binary
 * search plus the page itself.
 */
export class IdList {
  private ids: number[] = [];
  private head = 0;

  get length(): number {
    return this.ids.length - this.head;
  }

  get first(): number | undefined {
    return this.ids[this.head];
  }

  push(id: number): void {
    this.ids.push(id);
  }

  shift(): number | undefined {
    const id = this.ids[this.head++];
    // Compact once the dropped part outweighs the rest, so memory follows the live ids.
    if (this.head > 64 && this.head * 2 > this.ids.length) {
      this.ids = this.ids.slice(this.head);
      this.head = 0;
    }
    return id;
  }

  /** Removes one id wherever it is (a message deleted on its own); whether it was there. */
  remove(id: number): boolean {
    let lo = this.head;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ids[mid] < id) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= this.ids.length || this.ids[lo] !== id) return false;
    this.ids.splice(lo, 1);
    return true;
  }

  /** Up to `limit` ids below `before` (and above `after`), newest first, and whether older ones remain. */
  newestBefore(before: number, limit: number, after = Number.NEGATIVE_INFINITY): { ids: number[]; more: boolean } {
    let lo = this.head;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ids[mid] < before) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    let i = lo - 1;
    for (; i >= this.head && out.length < limit && this.ids[i] > after; i--) out.push(this.ids[i]);
    return { ids: out, more: i >= this.head && this.ids[i] > after };
  }
}
