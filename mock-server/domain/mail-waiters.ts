import type { LongLived, Timers } from './events';
import { mailMatcher, type MailFilter, type Mailbox, type MailMessage } from './mailbox';

export interface MailWait {
  filter: MailFilter;
  /** Only messages with a larger id count. */
  after: number;
  timeoutMs: number;
  /** Aborted when the client goes away: the wait is dropped at once. */
  signal?: AbortSignal;
}

/** There are `limit` waits already, across every world of the app; the caller answers "busy". */
export class TooManyWaits extends Error {
  constructor(readonly limit: number) {
    super(`${limit} requests are waiting for mail already; try again later`);
    this.name = 'TooManyWaits';
  }
}

/** The kind of place a wait takes in the app's `LongLived`. */
export const MAIL_WAIT_PLACE = 'mail-wait';

interface Pending {
  matches(m: MailMessage): boolean;
  finish(message: MailMessage | undefined): void;
}

/**
 * Waits for mail without polling: each wait is checked against each new
 * message as it is sent (the mailer calls `deliver`). A wait ends with the message, or with
 * undefined on timeout, reset, shutdown, a dropped tenant or when its client
 * goes away; in every case its timer, listeners and place are released. The
 * places are the app's (`LongLived.take`), so `limit` holds across tenants.
 */
export class MailWaiters {
  private readonly pending = new Set<Pending>();

  constructor(
    private readonly mailbox: Mailbox,
    private readonly longLived: LongLived,
    private readonly timers: Timers,
    /** Waits at once across the app, every tenant included. */
    readonly limit = 1000,
  ) {}

  get size(): number {
    return this.pending.size;
  }

  /** Resolves with the newest matching message newer than `after`, or undefined. Throws TooManyWaits. */
  wait(w: MailWait): Promise<MailMessage | undefined> {
    const [existing] = this.mailbox.list(w.filter, 1, w.after);
    if (existing) return Promise.resolve(existing);
    if (w.timeoutMs <= 0 || w.signal?.aborted) return Promise.resolve(undefined);
    const release = this.longLived.take(MAIL_WAIT_PLACE, this.limit);
    if (!release) throw new TooManyWaits(this.limit);
    return new Promise((resolve) => {
      const entry: Pending = {
        matches: mailMatcher(w.filter, w.after),
        finish: (message) => {
          if (!this.pending.delete(entry)) return;
          this.timers.clearTimeout(timer);
          release();
          deregister();
          w.signal?.removeEventListener('abort', onAbort);
          resolve(message);
        },
      };
      const onAbort = (): void => entry.finish(undefined);
      const timer = this.timers.setTimeout(onAbort, w.timeoutMs);
      const deregister = this.longLived.add(onAbort);
      w.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.add(entry);
    });
  }

  /** Ends every wait with no message (reset, shutdown). */
  endAll(): void {
    for (const entry of [...this.pending]) entry.finish(undefined);
  }

  /** The mailer calls this with every message it sends. */
  deliver(m: MailMessage): void {
    if (this.pending.size === 0) return;
    for (const entry of [...this.pending]) if (entry.matches(m)) entry.finish(m);
  }
}
