import { currentTotp } from '../../domain/totp';
import type { operations } from '../../generated/admin';
import type { JournalEntry } from '../../http/journal';
import { problem } from '../../http/problem';
import type { RequestContext, TypedHandlers } from '../../http/types';
import { messageDetail } from './mail-source';
import { journalView } from './views';

type InboxOps = Pick<operations, 'getMessage' | 'deleteMessage' | 'clearRequests' | 'listRequests' | 'resetClock' | 'getUserTotp'>;

/** RFC 6238's step, as verifyTotp and authenticator apps use it. */
const TOTP_PERIOD_S = 30;
/** Journal entries one filtered listing reads at a time while it looks for matches. */
const SCAN_CHUNK = 1000;

const messageId = (ctx: RequestContext<null>): number => Number(ctx.params.id);

export interface JournalFilter {
  status?: number;
  vendor?: string;
  operationId?: string;
  path?: string;
}

/** Whether a journal entry passes every filter given; `path` is a case-insensitive substring. */
export function journalMatcher(filter: JournalFilter): (e: JournalEntry) => boolean {
  const path = filter.path?.toLowerCase();
  return (e) =>
    (filter.status === undefined || e.status === filter.status) &&
    (filter.vendor === undefined || e.vendor === filter.vendor) &&
    (filter.operationId === undefined || e.operationId === filter.operationId) &&
    (path === undefined || e.path.toLowerCase().includes(path));
}

/**
 * The admin operations behind the console's mail, journal and clock views.
 * A filtered journal page reads the journal in chunks until the page is full;
 * the journal is a bounded ring (`journalSize`), so that is a bounded scan.
 */
export const inboxHandlers: TypedHandlers<InboxOps, null> = {
  getMessage(ctx) {
    const m = ctx.runtime.mailbox.get(messageId(ctx));
    return m ? { status: 200, body: messageDetail(m) } : problem(404, `No message has id ${messageId(ctx)}`);
  },

  deleteMessage(ctx) {
    return ctx.runtime.mailbox.delete(messageId(ctx)) ? { status: 204 as const } : problem(404, `No message has id ${messageId(ctx)}`);
  },

  clearRequests(ctx) {
    ctx.journal.clear();
    return { status: 204 as const };
  },

  listRequests(ctx) {
    const { limit = 100, cursor, ...filter } = ctx.query;
    const dropped = ctx.journal.droppedForMemory;
    if (Object.values(filter).every((v) => v === undefined)) {
      const page = ctx.journal.page({ limit, cursor });
      return { status: 200, body: { requests: page.items.map(journalView), next: page.next, dropped } };
    }
    const matches = journalMatcher(filter);
    const found: JournalEntry[] = [];
    let from = cursor;
    for (;;) {
      const chunk = ctx.journal.page({ limit: SCAN_CHUNK, cursor: from });
      for (const e of chunk.items) {
        if (!matches(e)) continue;
        if (found.length === limit) return { status: 200, body: { requests: found.map(journalView), next: String(found[found.length - 1].id), dropped } };
        found.push(e);
      }
      if (chunk.next === null) return { status: 200, body: { requests: found.map(journalView), next: null, dropped } };
      from = chunk.next;
    }
  },

  resetClock(ctx) {
    const { clock, events } = ctx.runtime;
    clock.reset();
    const now = clock.now();
    events.emit({ type: 'clock', now, offsetMs: clock.offset });
    return { status: 200, body: { now: new Date(now).toISOString(), offsetMs: clock.offset } };
  },

  getUserTotp(ctx) {
    const id = Number(ctx.params.id);
    const user = ctx.runtime.users.byId(id);
    if (!user) return problem(404, `No user has id ${id}`);
    if (!user.mfaSecret) return problem(409, `User ${id} has no TOTP secret`);
    const now = ctx.runtime.clock.now();
    const step = TOTP_PERIOD_S * 1000;
    return {
      status: 200,
      body: { code: currentTotp(user.mfaSecret, now), period: TOTP_PERIOD_S, now: new Date(now).toISOString(), validUntil: new Date((Math.floor(now / step) + 1) * step).toISOString() },
    };
  },
};
