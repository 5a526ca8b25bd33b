import { TooManyWaits } from '../../domain/mail-waiters';
import { problem } from '../../http/problem';
import type { OperationQuery, OperationResult, RequestContext } from '../../http/types';
import type { operations } from '../../generated/admin';
import { absentTenant } from './tenants';
import { messageView } from './views';

const DEFAULT_TIMEOUT_MS = 30_000;

/** `GET /__admin/mailbox/wait`: the long poll; 204 on timeout, reset, shutdown, a dropped tenant; 404 in a tenant that does not exist. */
export async function waitForMail(ctx: RequestContext<null, undefined, OperationQuery<operations['waitForMail']>>): Promise<OperationResult<operations['waitForMail']>> {
  const { to, vendor, kind, after = 0, timeoutMs = DEFAULT_TIMEOUT_MS } = ctx.query;
  if (ctx.absentTenant !== undefined) return absentTenant(ctx.absentTenant);
  try {
    const message = await ctx.runtime.mailWaiters.wait({ filter: { to, vendor, kind }, after, timeoutMs, signal: ctx.signal });
    return message ? { status: 200, body: { message: messageView(message) } } : { status: 204 as const };
  } catch (err) {
    if (!(err instanceof TooManyWaits)) throw err;
    return { ...problem(503, err.message), headers: { 'Retry-After': '1' } };
  }
}
