/**
 * The admin events stream read with fetch, not EventSource: EventSource cannot
 * send an Authorization header, and the token must never go into a URL.
 */
import type { components } from './generated/admin.js';

/** The `data` of each event type of `GET /__admin/events`, as the admin spec gives it. */
export type EventData = components['schemas']['EventData'];
export type StreamEventType = keyof EventData;
export type StreamEvent = { [T in StreamEventType]: { type: T; data: EventData[T] } }[StreamEventType];
/** What views hear: the stream's events, and `reconnected` when a lost stream is back (what was sent meanwhile is lost). */
export type HubEvent = StreamEvent | { type: 'reconnected' };
export type HubListener = (event: HubEvent) => void;

// Typed by the spec's list: a type added there fails the console's build until it is named here too.
const STREAM_EVENT_TYPES: Record<StreamEventType, true> = { mail: true, user: true, request: true, clock: true, reset: true, tenant: true };

/** An event of a type the spec lists, with an object as data; anything else (say, from a newer mock) is passed over. */
export const isStreamEvent = (event: { type: string; data: unknown }): event is StreamEvent =>
  Object.hasOwn(STREAM_EVENT_TYPES, event.type) && typeof event.data === 'object' && event.data !== null;

/** Fan-out of stream events to the views. */
export class EventHub {
  private readonly listeners = new Set<HubListener>();

  on(listener: HubListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: HubEvent): void {
    for (const l of [...this.listeners]) l(event);
  }
}

/**
 * Calls `reload` whenever what a view shows may be stale as a whole: after a
 * reset of the mock, or after the stream was lost and came back.
 */
export function onReload(hub: EventHub, reload: () => Promise<void>): () => void {
  return hub.on(({ type }) => {
    if (type === 'reset' || type === 'reconnected') void reload();
  });
}

/** Parses one `text/event-stream` block (the lines between blank lines). */
export function parseBlock(block: string): { type: string; data: string } | null {
  let type = 'message';
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
  }
  return data.length ? { type, data: data.join('\n') } : null;
}

export type StreamEnd = { kind: 'closed' } | { kind: 'status'; status: number } | { kind: 'unreachable' };

/** Reads the stream until it ends; `opened` is called once the server has answered 200. */
export async function readEvents(url: string, headers: Record<string, string>, signal: AbortSignal, opened: () => void, onEvent: (event: StreamEvent) => void): Promise<StreamEnd> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { ...headers, Accept: 'text/event-stream' }, signal, cache: 'no-store' });
  } catch {
    return { kind: 'unreachable' };
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel().catch(() => undefined);
    return { kind: 'status', status: res.status };
  }
  opened();
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
        const parsed = parseBlock(block);
        if (!parsed) continue;
        let data: unknown;
        try {
          data = JSON.parse(parsed.data);
        } catch {
          continue;
        }
        const event = { type: parsed.type, data };
        if (isStreamEvent(event)) onEvent(event);
      }
    }
  } catch {
    // A dropped connection ends the read with an error; the caller reconnects either way.
  }
  return { kind: 'closed' };
}

/**
 * Hands events of the given types to `flush` in batches, at most one batch per
 * `ms`: a load test can cause thousands of events a second, and one render per
 * batch keeps the page responsive.
 */
export function batchEvents<T extends StreamEventType>(hub: EventHub, types: readonly T[], flush: (events: Extract<StreamEvent, { type: T }>[]) => void, ms = 100): () => void {
  type Wanted = Extract<StreamEvent, { type: T }>;
  const wanted = (event: HubEvent): event is Wanted => types.some((t) => t === event.type);
  let queue: Wanted[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const off = hub.on((event) => {
    if (!wanted(event)) return;
    queue.push(event);
    timer ??= setTimeout(() => {
      const batch = queue;
      queue = [];
      timer = undefined;
      flush(batch);
    }, ms);
  });
  return () => {
    off();
    clearTimeout(timer);
  };
}

/** Newest first, without duplicates, at most `keep`: what a live list shows after a batch of new items. */
export function prependNew<T extends { id: number }>(list: T[] | null, added: T[], keep: number): T[] {
  const seen = new Set((list ?? []).map((x) => x.id));
  const fresh = added.filter((x) => !seen.has(x.id) && (seen.add(x.id), true)).reverse();
  return [...fresh, ...(list ?? [])].slice(0, keep);
}
