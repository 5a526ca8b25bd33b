/**
 * The admin events stream read with fetch, not EventSource: EventSource cannot
 * send an Authorization header, and the token must never go into a URL.
 */

export type EventListener = (type: string, data: unknown) => void;

/** Fan-out of stream events to the views; `connected` and `reconnected` come from the stream itself. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(type: string, data: unknown = {}): void {
    for (const l of [...this.listeners]) l(type, data);
  }
}

/**
 * Calls `reload` whenever what a view shows may be stale as a whole: after a
 * reset of the mock, or after the stream was lost and came back.
 */
export function onReload(hub: EventHub, reload: () => Promise<void>): () => void {
  return hub.on((type) => {
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
export async function readEvents(url: string, headers: Record<string, string>, signal: AbortSignal, opened: () => void, onEvent: EventListener): Promise<StreamEnd> {
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
        const event = parseBlock(block);
        if (!event) continue;
        let data: unknown;
        try {
          data = JSON.parse(event.data);
        } catch {
          data = event.data;
        }
        onEvent(event.type, data);
      }
    }
  } catch {
    // A dropped connection ends the read with an error; the caller reconnects either way.
  }
  return { kind: 'closed' };
}

export interface QueuedEvent {
  type: string;
  data: unknown;
}

/**
 * Hands events of the given types to `flush` in batches, at most one batch per
 * `ms`: a load test can cause thousands of events a second, and one render per
 * batch keeps the page responsive.
 */
export function batchEvents(hub: EventHub, types: readonly string[], flush: (events: QueuedEvent[]) => void, ms = 100): () => void {
  let queue: QueuedEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const off = hub.on((type, data) => {
    if (!types.includes(type)) return;
    queue.push({ type, data });
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
