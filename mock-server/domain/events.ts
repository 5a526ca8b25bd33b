import type { MailMessage } from './mailbox';
import type { User } from './user-store';

/** What the domain reports as it happens; the admin API streams these to browsers and tests. */
export type DomainEvent =
  | { type: 'mail'; message: MailMessage }
  | { type: 'user'; action: 'created' | 'changed' | 'deleted'; user: User }
  | { type: 'clock'; now: number; offsetMs: number }
  | { type: 'reset' }
  /** A tenant of the app came or went; every world's bus hears it, as every world lists the tenants. */
  | { type: 'tenant'; action: 'created' | 'deleted'; name: string };

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
 * themselves, so a reset, a dropped tenant or a shutdown can end them without
 * waiting. The app has one; each tenant's world has a scope of it (`scope()`):
 * ending a scope ends that world's requests alone, ending the app's ends every
 * scope's too. Places (`take`) are counted across the app and all its scopes,
 * so a limit holds for the whole mock however many worlds it has.
 */
export class LongLived {
  /** Each closer, with what deregisters it from the parent. */
  private readonly closers = new Map<() => void, (() => void) | undefined>();
  private readonly places: Map<string, number>;

  constructor(private readonly parent?: LongLived) {
    this.places = parent ? parent.places : new Map();
  }

  /** A registry for one world whose requests the app's registry also ends, and whose places count against the same limits. */
  scope(): LongLived {
    return new LongLived(this);
  }

  /** Returns the function that deregisters. */
  add(close: () => void): () => void {
    // Ended through the parent, it leaves this scope too, so neither ends it twice.
    const up = this.parent?.add(() => {
      this.closers.delete(close);
      close();
    });
    this.closers.set(close, up);
    return () => {
      this.closers.delete(close);
      up?.();
    };
  }

  /** Open requests registered here (in a scope, that world's; in the app's, every world's). */
  get size(): number {
    return this.closers.size;
  }

  /**
   * One of `limit` places of a kind, across the whole app: the function that
   * gives it back (once, however often it is called), or undefined when all are taken.
   */
  take(kind: string, limit: number): (() => void) | undefined {
    const taken = this.places.get(kind) ?? 0;
    if (taken >= limit) return undefined;
    this.places.set(kind, taken + 1);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.places.set(kind, (this.places.get(kind) ?? 1) - 1);
    };
  }

  /** Places of a kind taken across the app. */
  taken(kind: string): number {
    return this.places.get(kind) ?? 0;
  }

  closeAll(): void {
    const all = [...this.closers];
    this.closers.clear();
    for (const [close, up] of all) {
      up?.();
      close();
    }
  }
}

/** Timers as the runtime uses them; tests may inject fake ones. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/**
 * Pending waits must not keep a process alive that is otherwise done: Node's
 * timers are objects with unref(); a browser's are numbers, with nothing to release.
 */
function unrefed<T>(timer: T): T {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}

type Handle = ReturnType<typeof setTimeout>;

export const realTimers: Timers = {
  setTimeout: (fn, ms) => unrefed(setTimeout(fn, ms)),
  clearTimeout: (h) => clearTimeout(h as Handle),
  setInterval: (fn, ms) => unrefed(setInterval(fn, ms)),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};
