import type { VendorId } from '../generated/vendors';
import type { ByteBudget, Charge } from './byte-budget';
import type { CodeKind } from './code-store';
import { cursorId, IdList, type Page, type PageRequest } from './paging';
import type { User } from './user-store';

/** The kind of a mail: the kind of code it carries (a vendor's one-time passwords too). */
export type MailKind = CodeKind;

export interface MailMessage {
  id: number;
  vendor: VendorId;
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  code: string;
  createdAt: number;
}

/**
 * A mail's subject and text are bounded whatever a template makes of a user's fields
 * (the request strings are bounded too, but a template may repeat them): RFC 5322 caps
 * a line at 998 characters, and 16 KiB of text is more than any vendor's mail needs.
 */
export const MAIL_LIMITS = { subject: 998, text: 16 * 1024 } as const;

const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Whom a mail greets: a user, or an address that has no account (an address verification). */
export type MailRecipient = Pick<User, 'email' | 'name' | 'username'>;

/** What a vendor's e-mail of one kind says to a user, given its code. */
export type MailTemplate = (user: MailRecipient, code: string) => { subject: string; text: string };

export type OutgoingMail = Omit<MailMessage, 'id' | 'createdAt'>;

/** Where the mock "sends" e-mail. The default captures it; a test may pass its own. */
export interface Mailer {
  send(mail: OutgoingMail, now: number): MailMessage;
}

export interface MailFilter {
  to?: string;
  vendor?: string;
  kind?: MailKind;
}

/** The longest search text: a search scans every kept message, and a longer needle finds nothing a shorter one misses. */
export const MAIL_SEARCH_MAX = 200;

/** Whether the message's address, subject or text contains `needle` (already lower-cased). */
const mentions = (m: MailMessage, needle: string): boolean => m.to.toLowerCase().includes(needle) || m.subject.toLowerCase().includes(needle) || m.text.toLowerCase().includes(needle);

/** Whether a message matches a filter (address case-insensitively) and is newer than `after`. */
export function mailMatcher(filter: MailFilter, after = 0): (m: MailMessage) => boolean {
  const to = filter.to?.toLowerCase();
  return (m) => m.id > after && (!to || m.to.toLowerCase() === to) && (!filter.vendor || m.vendor === filter.vendor) && (!filter.kind || m.kind === filter.kind);
}

const indexKey = (to: string, vendor: string, kind: string): string => `${to}\n${vendor}\n${kind}`;

/** Every filter a message answers to: each of to, vendor and kind given or not (eight keys). */
function keysOf(m: MailMessage): string[] {
  const to = m.to.toLowerCase();
  const keys: string[] = [];
  for (const t of [to, '']) for (const v of [m.vendor, '']) for (const k of [m.kind, '']) keys.push(indexKey(t, v, k));
  return keys;
}

/**
 * Captures every e-mail, keeping the newest `capacity` of them. Every
 * combination of the filters has its own list of ids, so a read is a look-up
 * and a page, however many messages are kept; the oldest message is dropped
 * from the front of each of its lists.
 */
export class Mailbox implements Mailer {
  private readonly byId = new Map<number, MailMessage>();
  private readonly indexes = new Map<string, IdList>();
  /** Each kept message's share of the mailboxes' byte budget, when there is one. */
  private readonly charges = new Map<number, Charge>();
  private nextId = 1;
  /** Messages dropped early to keep every mailbox within the shared byte budget. */
  droppedForMemory = 0;

  constructor(
    readonly capacity = 10_000,
    /** Shared by the mailboxes of all worlds (`mailboxBytes`). */
    private readonly budget?: ByteBudget,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.byId.size;
  }

  send(mail: OutgoingMail, now: number): MailMessage {
    const message: MailMessage = { id: this.nextId++, createdAt: now, ...mail, subject: clip(mail.subject, MAIL_LIMITS.subject), text: clip(mail.text, MAIL_LIMITS.text) };
    this.insert(message);
    return message;
  }

  /** Ids must arrive in ascending order: every list is kept sorted by appending. */
  private insert(message: MailMessage): void {
    this.byId.set(message.id, message);
    for (const key of keysOf(message)) {
      let list = this.indexes.get(key);
      if (!list) this.indexes.set(key, (list = new IdList()));
      list.push(message.id);
    }
    if (this.byId.size > this.capacity) this.dropOldest();
    if (this.budget) {
      const bytes = 128 + message.to.length + message.subject.length + message.text.length + message.code.length;
      this.charges.set(
        message.id,
        this.budget.charge(bytes, () => {
          if (this.dropOldest()) this.droppedForMemory++;
        }),
      );
    }
  }

  /** Drops the oldest message; whether there was one. */
  private dropOldest(): boolean {
    const oldest = this.indexes.get(indexKey('', '', ''))?.first;
    const message = oldest === undefined ? undefined : this.byId.get(oldest);
    if (!message) return false;
    this.byId.delete(message.id);
    this.budget?.release(this.charges.get(message.id));
    this.charges.delete(message.id);
    // The oldest message is the oldest of every list it is in, so it sits at each one's front.
    for (const key of keysOf(message)) {
      const list = this.indexes.get(key)!;
      list.shift();
      if (list.length === 0) this.indexes.delete(key);
    }
    return true;
  }

  /** Newest first, at most `limit`; `after` keeps only messages with a larger id. */
  list(filter: MailFilter = {}, limit = Number.POSITIVE_INFINITY, after = 0): MailMessage[] {
    const list = this.indexes.get(indexKey(filter.to?.toLowerCase() ?? '', filter.vendor ?? '', filter.kind ?? ''));
    if (!list) return [];
    return list.newestBefore(Number.POSITIVE_INFINITY, limit, after).ids.map((id) => this.byId.get(id)!);
  }

  /** One page, newest first, continuing from `cursor`; `q` searches address, subject and text. */
  page(filter: MailFilter & { q?: string }, request: PageRequest): Page<MailMessage> {
    const list = this.indexes.get(indexKey(filter.to?.toLowerCase() ?? '', filter.vendor ?? '', filter.kind ?? ''));
    if (!list) return { items: [], next: null };
    if (filter.q) return this.search(list, filter.q.slice(0, MAIL_SEARCH_MAX).toLowerCase(), request);
    const { ids, more } = list.newestBefore(cursorId(request.cursor), request.limit);
    const items = ids.map((id) => this.byId.get(id)!);
    return { items, next: more && items.length > 0 ? String(items[items.length - 1].id) : null };
  }

  /** A page of the messages that mention `needle`: a scan, bounded by the mailbox's capacity. */
  private search(list: IdList, needle: string, request: PageRequest): Page<MailMessage> {
    const items: MailMessage[] = [];
    let before = cursorId(request.cursor);
    for (;;) {
      const { ids, more } = list.newestBefore(before, 500);
      for (const id of ids) {
        const m = this.byId.get(id)!;
        if (!mentions(m, needle)) continue;
        // One match past the page says whether a next page exists.
        if (items.length === request.limit) return { items, next: String(items[items.length - 1].id) };
        items.push(m);
      }
      if (!more || ids.length === 0) return { items, next: null };
      before = ids[ids.length - 1];
    }
  }

  get(id: number): MailMessage | undefined {
    return this.byId.get(id);
  }

  /** Deletes one message and gives back its share of the budget; whether it was there. */
  delete(id: number): boolean {
    const message = this.byId.get(id);
    if (!message) return false;
    this.byId.delete(id);
    this.budget?.release(this.charges.get(id));
    this.charges.delete(id);
    for (const key of keysOf(message)) {
      const list = this.indexes.get(key);
      if (!list) continue;
      list.remove(id);
      if (list.length === 0) this.indexes.delete(key);
    }
    return true;
  }

  /** Drops every message and gives back its share of the budget (a reset, or a world that is dropped). */
  clear(): void {
    for (const charge of this.charges.values()) this.budget?.release(charge);
    this.charges.clear();
    this.byId.clear();
    this.indexes.clear();
    this.droppedForMemory = 0;
  }

  /** Every kept message, oldest first, and the next id, for a state document. */
  snapshot(): { nextId: number; messages: MailMessage[] } {
    return { nextId: this.nextId, messages: this.list().reverse() };
  }

  /** Replaces the mailbox; beyond its capacity only the newest messages stay, as when they were sent. */
  restore(data: { nextId: number; messages: readonly MailMessage[] }): void {
    this.clear();
    let last = 0;
    for (const m of [...data.messages].sort((a, b) => a.id - b.id)) {
      if (this.byId.has(m.id)) continue;
      this.insert({ ...m });
      last = Math.max(last, m.id);
    }
    this.nextId = Math.max(data.nextId, last + 1);
  }
}
