import { problem } from '../../http/problem';
import type { operations } from '../../generated/admin';
import type { OperationResult, RequestContext, ResponseStream } from '../../http/types';
import type { RuntimeEvent } from '../../domain/events';
import type { JournalEntry } from '../../http/journal';
import { absentTenant } from './tenants';
import { journalView, messageView, userView } from './views';

/** Open streams at once across the app, every tenant included. */
export const MAX_EVENT_CLIENTS = 100;
export const HEARTBEAT_MS = 15_000;
/** A client this far behind is dropped instead of buffering without bound; EventSource reconnects. */
export const MAX_BUFFERED_BYTES = 1 << 20;

/** The kind of place a stream takes in the app's `LongLived`: counted across tenants, so the limit is the mock's. */
const EVENT_STREAM_PLACE = 'event-stream';

/** The JSON of an event exactly as the admin API lists the same thing. */
function data(event: RuntimeEvent): unknown {
  switch (event.type) {
    case 'mail':
      return messageView(event.message);
    case 'user':
      return { action: event.action, user: userView(event.user) };
    case 'request':
      // The journal is the only publisher of request events.
      return journalView(event.entry as JournalEntry);
    case 'clock':
      return { now: new Date(event.now).toISOString(), offsetMs: event.offsetMs };
    case 'reset':
      return {};
    case 'tenant':
      return { action: event.action, name: event.name };
  }
}

/**
 * On the next timer turn (setTimeout 0, which Node and a page both have): the
 * events of the requests answered meanwhile leave in one write, at most a
 * millisecond or so later. One socket write per event was most of what a
 * watched mock spent per request.
 */
const soon = (fn: () => void): void => void setTimeout(fn, 0);
/** A batch this large is written at once rather than at the end of the turn. */
const BATCH_BYTES = 64 * 1024;

export const sseFrame = (event: RuntimeEvent): string => `event: ${event.type}\ndata: ${JSON.stringify(data(event))}\n\n`;

/** `GET /__admin/events`: server-sent events until the client or the mock closes the stream. */
export function streamEvents(ctx: RequestContext<null>): OperationResult<operations['streamEvents']> {
  const { runtime } = ctx;
  // Nothing can happen in a tenant no one has created; a stream there would hear nothing, ever.
  if (ctx.absentTenant !== undefined) return absentTenant(ctx.absentTenant);
  const release = runtime.longLived.take(EVENT_STREAM_PLACE, MAX_EVENT_CLIENTS);
  if (!release) {
    return { ...problem(503, `${MAX_EVENT_CLIENTS} clients are listening to events already; try again later`), headers: { 'Retry-After': '5' } };
  }
  return {
    status: 200 as const,
    contentType: 'text/event-stream; charset=utf-8',
    headers: { 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' },
    stream: (out: ResponseStream) => {
      let ended = false;
      let batch = '';
      let scheduled = false;
      const finish = (how: 'end' | 'drop' = 'end'): void => {
        if (ended) return;
        ended = true;
        // What is batched still goes out before a stream that ends (a reset, a shutdown) closes.
        if (how === 'end' && batch !== '' && !out.closed) out.write(batch);
        batch = '';
        release();
        unsubscribe();
        deregister();
        runtime.timers.clearInterval(heartbeat);
        if (out.closed) return;
        // A client that stopped reading would hold its backlog for as long as its socket lives.
        if (how === 'drop') out.destroy();
        else out.end();
      };
      const flush = (): void => {
        scheduled = false;
        if (ended || batch === '') return;
        const text = batch;
        batch = '';
        out.write(text);
        if (out.buffered > MAX_BUFFERED_BYTES) finish('drop');
      };
      const write = (text: string): void => {
        if (ended) return;
        batch += text;
        if (batch.length >= BATCH_BYTES) flush();
        else if (!scheduled) {
          scheduled = true;
          soon(flush);
        }
      };
      const unsubscribe = runtime.events.subscribe((event) => write(sseFrame(event)));
      const deregister = runtime.longLived.add(() => finish());
      const heartbeat = runtime.timers.setInterval(() => write(': heartbeat\n\n'), HEARTBEAT_MS);
      out.onClose(() => finish());
      if (out.closed) return finish();
      // The retry hint and a first comment tell the client at once that the stream is open.
      write('retry: 2000\n: connected\n\n');
    },
  };
}
