import type { MailMessage } from './mailbox';
import type { User } from './user-store';

/** What the domain reports as it happens; the admin API streams these to browsers and tests. */
export type DomainEvent =
  | { type: 'mail'; message: MailMessage }
  | { type: 'user'; action: 'created' | 'changed' | 'deleted'; user: User }
  | { type: 'clock'; now: number; offsetMs: number }
  | { type: 'reset' };

/**
 * A request the HTTP layer answered, as its journal lists it; the HTTP layer
 * defines the entry's shape (`http/journal.ts`), the domain only carries it.
 */
export interface RequestEvent<Entry = unknown> {
  type: 'request';
  entry: Entry;
}

/** Everything a world's bus carries. */
export type RuntimeEvent = DomainEvent | RequestEvent;

export type Listener<E> = (event: E) => void;

/** The side of a bus that publishes; a bus of a wider event union is one too. */
export interface Emitter<E> {
  readonly size: number;
  emit(event: E): void;
}

/** The side of a bus that listens; a listener must ignore event types it does not know. */
export interface Subscribable<E> {
  subscribe(listener: Listener<E>): () => void;
}

/**
 * A synchronous publish/subscribe point, one per world (runtime). Emitting with
 * no listener costs a size check, so the request path pays nothing while no one
 * is watching. A listener that throws is removed rather than allowed to break
 * the operation that emitted.
 */
export class EventBus<E extends { type: string } = DomainEvent> implements Emitter<E>, Subscribable<E> {
  private readonly listeners = new Set<Listener<E>>();

  /** Returns the function that unsubscribes. */
  subscribe(listener: Listener<E>): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get size(): number {
    return this.listeners.size;
  }

  emit(event: E): void {
    if (this.listeners.size === 0) return;
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        this.listeners.delete(listener);
      }
    }
  }
}

/**
 * Requests that stay open (long polls, event streams) register how to end
 * themselves, so a reset or a shutdown can end them all without waiting.
 */
export class LongLived {
  private readonly closers = new Set<() => void>();

  /** Returns the function that deregisters. */
  add(close: () => void): () => void {
    this.closers.add(close);
    return () => {
      this.closers.delete(close);
    };
  }

  get size(): number {
    return this.closers.size;
  }

  closeAll(): void {
    const all = [...this.closers];
    this.closers.clear();
    for (const close of all) close();
  }
}

/** Timers as the runtime uses them; tests may inject fake ones. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // Pending waits must not keep a process alive that is otherwise done.
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  setInterval: (fn, ms) => {
    const t = setInterval(fn, ms);
    t.unref();
    return t;
  },
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
};
