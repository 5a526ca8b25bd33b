import { LATEST_CLOCK_MS } from '../../domain/clock';
import { DomainError } from '../../domain/errors';
import { bulkRegister, type ThirdPartyFlow } from '../../domain/flows';
import { DEFAULT_PAGE_LIMIT } from '../../domain/paging';
import { randomBase32 } from '../../domain/random';
import type { operations } from '../../generated/admin';
import { defineApi, type TypedHandlers } from '../../http/types';
import type { Runtime, VendorAccounts } from '../../runtime';
import { isVendorId } from '../../vendors';
import { consoleHandlers } from './console-handlers';
import { adminError } from './errors';
import { streamEvents } from './event-stream';
import { faultHandlers } from './faults';
import { inboxHandlers } from './inbox';
import { waitForMail } from './mail-wait';
import { stateHandlers } from './state';
import { tenantHandlers } from './tenants';
import { messageView, userView } from './views';

const noContent = { status: 204 as const };

/** The user base of a vendor this mock serves; the schema's enum may name one it does not. */
function servedVendor(runtime: Runtime, vendor: string): VendorAccounts {
  const served = isVendorId(vendor) ? runtime.vendors.get(vendor) : undefined;
  if (!served) throw new DomainError('INVALID_INPUT', `vendor ${vendor} is not served by this mock`, { field: 'vendor' });
  return served;
}

/**
 * The vendor a third party creates a user at: the one named, or, when none is,
 * the only vendor whose users a third party can create.
 */
function thirdPartyVendor(runtime: Runtime, vendor: string | undefined): ThirdPartyFlow {
  if (vendor !== undefined) {
    const flow = servedVendor(runtime, vendor).thirdParty;
    if (!flow) throw new DomainError('INVALID_INPUT', `vendor ${vendor} has no users created by a third party`, { field: 'vendor' });
    return flow;
  }
  const able = [...runtime.vendors.values()].filter((v) => v.thirdParty);
  if (able.length !== 1) {
    throw new DomainError('INVALID_INPUT', `name the vendor: ${able.map((v) => v.accounts.vendor).join(', ') || 'no vendor'} ${able.length === 1 ? 'has' : 'have'} users created by a third party`, { field: 'vendor' });
  }
  return able[0].thirdParty!;
}

const handlers: TypedHandlers<operations, null> = {
  ...consoleHandlers,
  ...faultHandlers,
  ...inboxHandlers,
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
    const { first, last } = bulkRegister(v.accounts, {
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
    const { user, code } = thirdPartyVendor(ctx.runtime, b.vendor).register(b.email, b.name ?? '');
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

  streamEvents,
};

export const api = defineApi<null>({
  id: 'admin',
  createState: () => null,
  mapError: adminError,
  handlers,
});
