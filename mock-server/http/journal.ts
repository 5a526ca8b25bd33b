import { redact, redactPath, redactText } from '../../contracts/core/redact';
import type { ByteBudget, Charge } from '../domain/byte-budget';
import type { Clock } from '../domain/clock';
import { cursorId, type Page, type PageRequest } from '../domain/paging';
import type { Emitter, RequestEvent as DomainRequestEvent } from '../domain/events';
import { RingBuffer } from '../domain/ring-buffer';
import type { PipelineRequest, PipelineResponse } from './exchange';

/** Bodies in the journal are cut to this many characters of JSON. */
export const JOURNAL_BODY_LIMIT = 8192;

/** Header values as Node gives them: a string, a number, or one string per repeated header. */
export type HeaderValues = Record<string, string | number | string[]>;

/** Headers and body of one side of an exchange, secrets redacted. */
export interface JournalMessage {
  headers: HeaderValues;
  body?: unknown;
  /** The body was longer than JOURNAL_BODY_LIMIT and `body` is the start of its JSON text. */
  bodyTruncated?: boolean;
}

export interface JournalEntry {
  id: number;
  at: number;
  method: string;
  path: string;
  status: number;
  operationId?: string;
  vendor?: string;
  durationMs: number;
  /** The fault rule (or `prefer`) that shaped the answer. */
  faultId?: string;
  /** Why the mock wrote this entry itself, not for a request (a tenant dropped past maxTenants). */
  note?: string;
  request: JournalMessage;
  response: JournalMessage;
}

export type RequestEvent = DomainRequestEvent<JournalEntry>;

/** What the request path keeps: references it already had, nothing copied or redacted yet. */
interface Captured {
  requestHeaders: Record<string, string | number | readonly string[] | undefined>;
  request: Body;
  responseHeaders: Record<string, string | number | readonly string[] | undefined>;
  response: Body;
}

/** A parsed body, or the start of a long or non-JSON one as text. */
type Body = { value: unknown } | { text: string; cut: boolean } | undefined;

interface Slot {
  entry: Omit<JournalEntry, 'request' | 'response'>;
  raw?: Captured;
  view?: JournalEntry;
  /** Its share of the journals' byte budget, when there is one. */
  charge?: Charge;
}

/** What one entry costs, roughly: its fields, headers and bodies as text. */
function bytesOf(raw: Captured, rawRequestHeaders: readonly string[], requestLength: number): number {
  let bytes = 256;
  for (const h of rawRequestHeaders) bytes += h.length;
  for (const [name, value] of Object.entries(raw.responseHeaders)) bytes += name.length + (Array.isArray(value) ? value.join('').length : String(value ?? '').length);
  bytes += raw.request && 'text' in raw.request ? raw.request.text.length : requestLength;
  if (raw.response && 'text' in raw.response) bytes += raw.response.text.length;
  return bytes;
}


/**
 * The most recent requests, for the admin API; bounded, so memory stays flat
 * under load. Headers and bodies are kept as the references the request
 * already holds and are redacted the first time the entry is read (or at once
 * while someone watches the event stream); the plain values are dropped then.
 * Only redacted entries ever leave this class.
 */
export class Journal {
  private readonly entries: RingBuffer<Slot>;
  private nextId = 1;
  /** Entries dropped early to keep every journal within the shared byte budget. */
  droppedForMemory = 0;

  constructor(
    capacity: number,
    private readonly clock: Clock,
    private readonly events?: Emitter<RequestEvent>,
    /** Shared by the journals of all worlds (`journalBytes`). */
    private readonly budget?: ByteBudget,
  ) {
    this.entries = new RingBuffer(capacity);
  }

  /** Journals the request when its response is finished. */
  track(req: PipelineRequest, res: PipelineResponse): void {
    const started = performance.now();
    const at = this.clock.now();
    res.once('finish', () => {
      const op = res.locals.operation;
      const locals = res.locals;
      this.push({
        entry: {
          id: this.nextId++,
          at,
          method: req.method,
          // A code in the path (an invitation's) is a secret like one in a body.
          path: op ? redactPath(op.fullPath, req.path) : req.path,
          status: res.statusCode,
          operationId: op?.operationId,
          vendor: op?.spec,
          durationMs: Math.round((performance.now() - started) * 1000) / 1000,
          ...(locals.faultId ? { faultId: locals.faultId } : {}),
        },
        raw: {
          requestHeaders: req.headers,
          request: requestBody(req.body, req.headers['content-length']),
          responseHeaders: res.getHeaders(),
          response: locals.responseText === undefined ? undefined : textBody(locals.responseText),
        },
      }, req.rawHeaders, Number(req.headers['content-length'] ?? 0) || 0);
    });
  }

  /** An entry the mock writes itself, such as a tenant dropped past maxTenants. */
  note(entry: { method: string; path: string; status: number; note: string }): void {
    this.push({ entry: { id: this.nextId++, at: this.clock.now(), durationMs: 0, ...entry }, raw: { requestHeaders: {}, request: undefined, responseHeaders: {}, response: undefined } });
  }

  private push(slot: Slot, rawRequestHeaders: readonly string[] = [], requestLength = 0): void {
    this.budget?.release(this.entries.push(slot)?.charge);
    if (this.budget) slot.charge = this.budget.charge(bytesOf(slot.raw!, rawRequestHeaders, requestLength), () => this.dropOldest());
    if (this.events && this.events.size > 0) this.events.emit({ type: 'request', entry: view(slot) });
  }

  /** The budget needs room: this journal's oldest entry goes, and the count says so. */
  private dropOldest(): void {
    if (this.entries.dropOldest()) this.droppedForMemory++;
  }

  list(limit: number): JournalEntry[] {
    return this.entries.newestFirst(limit).map(view);
  }

  /**
   * One page, newest first, continuing from `cursor`. Ids are consecutive, so
   * the entry after a cursor is found by arithmetic, not by a scan.
   */
  page(request: PageRequest): Page<JournalEntry> {
    const newestId = this.nextId - 1;
    const before = Math.min(cursorId(request.cursor), newestId + 1);
    const items: JournalEntry[] = [];
    let offset = newestId - before + 1;
    for (; items.length < request.limit; offset++) {
      const slot = this.entries.fromNewest(offset);
      if (!slot) break;
      items.push(view(slot));
    }
    const more = items.length > 0 && this.entries.fromNewest(offset) !== undefined;
    return { items, next: more ? String(items[items.length - 1].id) : null };
  }

  /** Drops every entry and gives back its share of the budget (a reset, or a world that is dropped). */
  clear(): void {
    if (this.budget) for (const slot of this.entries.all()) this.budget.release(slot.charge);
    this.entries.clear();
    this.droppedForMemory = 0;
  }
}

function view(slot: Slot): JournalEntry {
  if (!slot.view) {
    const raw = slot.raw!;
    slot.view = { ...slot.entry, request: message(raw.requestHeaders, raw.request), response: message(raw.responseHeaders, raw.response) };
    slot.raw = undefined;
  }
  return slot.view;
}

function message(headers: Captured['requestHeaders'], body: Body): JournalMessage {
  // Node lists a header it was told to remove as undefined; the journal shows what was sent.
  const sent: HeaderValues = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) sent[name] = typeof value === 'object' ? [...value] : value;
  const out: JournalMessage = { headers: redact(sent) };
  if (body === undefined) return out;
  let text: string;
  if ('value' in body) {
    const value = redact(body.value);
    text = JSON.stringify(value);
    if (text.length <= JOURNAL_BODY_LIMIT) {
      out.body = value;
      return out;
    }
  } else {
    if (body.text === '') return out;
    // JSON text is parsed so that secrets are found by key, as in a parsed request body.
    if (!body.cut && /^\s*[{[]/.test(body.text)) {
      try {
        return message(headers, { value: JSON.parse(body.text) });
      } catch {
        // Not JSON after all: redacted as text.
      }
    }
    text = redactText(body.text);
    if (text.length <= JOURNAL_BODY_LIMIT && !body.cut) {
      out.body = text;
      return out;
    }
  }
  out.body = text.slice(0, JOURNAL_BODY_LIMIT);
  out.bodyTruncated = true;
  return out;
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/** Text kept as is when short; else a copy of its start, so a slice does not keep the whole text alive. */
function textBody(text: string): Body {
  if (text.length <= JOURNAL_BODY_LIMIT) return { text, cut: false };
  let head = text.slice(0, JOURNAL_BODY_LIMIT);
  // A cut inside a quoted value would leave it unterminated, where redaction cannot tell
  // where a secret ends: the unterminated value goes.
  if ((head.match(/(?<!\\)(?:\\\\)*"/g)?.length ?? 0) % 2 === 1) head = head.slice(0, head.lastIndexOf('"'));
  // Through bytes and back: a new string, not a slice that keeps the whole text alive.
  return { text: textDecoder.decode(textEncoder.encode(head)), cut: true };
}

// A body whose Content-Length says it is small is kept as parsed; a large one, or a
// chunked one whose size nobody announced, is serialised and cut here.
function requestBody(body: unknown, length: string | undefined): Body {
  if (body === undefined) return undefined;
  if (length !== undefined && Number(length) <= JOURNAL_BODY_LIMIT) return { value: body };
  try {
    return textBody(JSON.stringify(body));
  } catch {
    // JSON.parse accepts nesting that JSON.stringify overflows the stack on; this runs
    // when the response finishes, where a throw would end the process.
    return { text: '(a body nested too deeply to record)', cut: true };
  }
}
