import { LATEST_CLOCK_MS } from '../../domain/clock';
import { DomainError } from '../../domain/errors';
import { DEFAULT_PAGE_LIMIT } from '../../domain/paging';
import { randomBase32 } from '../../domain/random';
import type { operations } from '../../generated/admin';
import { defineApi, type HandlerResult, type TypedHandlers } from '../../http/types';
import { vendorAccounts, type Runtime, type VendorAccounts } from '../../runtime';
import { isVendorId } from '../../vendors';
import { consoleHandlers } from './console-handlers';
import { adminError } from './errors';
import { streamEvents } from './event-stream';
import { faultHandlers } from './faults';
import { waitForMail } from './mail-wait';
import { stateHandlers } from './state';
import { tenantHandlers } from './tenants';
import { journalView, messageView, userView } from './views';

const noContent: HandlerResult = { status: 204 };

/** The user base of a vendor this mock serves; the schema's enum may name one it does not. */
function servedVendor(runtime: Runtime, vendor: string): VendorAccounts {
  const served = isVendorId(vendor) ? runtime.vendors.get(vendor) : undefined;
  if (!served) throw new DomainError('INVALID_INPUT', `vendor ${vendor} is not served by this mock`, { field: 'vendor' });
  return served;
}

const handlers: TypedHandlers<operations, null> = {
  ...consoleHandlers,
  ...faultHandlers,
  ...stateHandlers,
  ...tenantHandlers,

  resetState(ctx) {
    ctx.runtime.reset();
    return noContent;
  },

  createUser(ctx) {
    const b = ctx.body;
    const v = servedVendor(ctx.runtime, b.vendor);
    const generated = b.mfa && !b.mfaSecret ? randomBase32(ctx.runtime.random, 32) : undefined;
    const { user } = v.accounts.register({
      email: b.email,
      username: b.username,
      name: b.name ?? '',
      password: b.password,
      status: b.status ?? 'active',
      mfaSecret: b.mfaSecret ?? generated ?? null,
    });
    // The secret is shown once, like an authenticator enrolment; never again.
    return { status: 201, body: { ...userView(user), ...(generated ? { mfaSecret: generated } : {}) } };
  },

  seedUsers(ctx) {
    const b = ctx.body;
    const v = servedVendor(ctx.runtime, b.vendor);
    const { first, last } = v.accounts.bulkRegister({
      count: b.count,
      prefix: b.prefix ?? 'bulk',
      domain: 'bulk.example',
      password: b.password,
    });
    return { status: 201, body: { created: b.count, total: ctx.runtime.users.size, first, last } };
  },

  listUsers(ctx) {
    return { status: 200, body: { users: ctx.runtime.users.list(ctx.query).map(userView) } };
  },

  listMailbox(ctx) {
    const { limit, cursor, ...filter } = ctx.query;
    const page = ctx.runtime.mailbox.page(filter, { limit: limit ?? DEFAULT_PAGE_LIMIT, cursor });
    return { status: 200, body: { messages: page.items.map(messageView), next: page.next } };
  },

  waitForMail,

  clearMailbox(ctx) {
    ctx.runtime.mailbox.clear();
    return noContent;
  },

  createThirdPartyActivationCode(ctx) {
    const b = ctx.body;
    const { user, code } = vendorAccounts(ctx.runtime, 'edge-impulse').accounts.registerByThirdParty(b.email, b.name ?? '');
    return { status: 201, body: { userId: user.id, activationCode: code } };
  },

  advanceClock(ctx) {
    const { clock, events } = ctx.runtime;
    const ms = ctx.body.advanceMs;
    if (!clock.canAdvance(ms)) {
      throw new DomainError('INVALID_INPUT', `advanceMs ${ms} would move the clock past ${new Date(LATEST_CLOCK_MS).toISOString()}, the latest time the mock keeps; reset the clock first`, { field: 'advanceMs' });
    }
    const now = clock.advance(ms);
    events.emit({ type: 'clock', now, offsetMs: clock.offset });
    return { status: 200, body: { now: new Date(now).toISOString() } };
  },

  listRequests(ctx) {
    const page = ctx.journal.page({ limit: ctx.query.limit ?? DEFAULT_PAGE_LIMIT, cursor: ctx.query.cursor });
    return { status: 200, body: { requests: page.items.map(journalView), next: page.next } };
  },

  streamEvents,
};

export const api = defineApi<null>({
  id: 'admin',
  createState: () => null,
  mapError: adminError,
  handlers,
});
