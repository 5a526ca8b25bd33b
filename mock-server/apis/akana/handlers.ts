import type { Accounts } from '../../domain/accounts';
import { DomainError } from '../../domain/errors';
import type { RateLimiter } from '../../domain/rate-limiter';
import type { operations } from '../../generated/akana';
import { RequestError } from '../../http/request-error';
import type { RequestContext, TypedHandlers } from '../../http/types';
import type { AkanaSettings } from './settings';

export interface AkanaState {
  accounts: Accounts;
  settings: AkanaSettings;
  perAddress: RateLimiter;
}

/** Serves the documented vendor media types, and any wildcard that covers them. */
export function checkAccept(ctx: RequestContext<AkanaState>): void {
  const accept = ctx.headers.accept;
  if (!accept) return;
  const ranges = accept.split(',').map((r) => r.split(';')[0].trim().toLowerCase());
  const served = ctx.state.settings.acceptedMediaTypes;
  if (ranges.some((r) => r === '*/*' || r === 'application/*' || served.includes(r))) return;
  throw new RequestError('NOT_ACCEPTABLE', `Accept '${accept}' is not supported; use one of ${served.join(', ')} or */*`);
}

export const handlers: TypedHandlers<operations, AkanaState> = {
  resendActivation(ctx) {
    const email = ctx.body.emailAddress;
    // Limited per address, known or not, so that the limit reveals no account.
    const wait = ctx.state.perAddress.take(email.toLowerCase(), ctx.runtime.clock.now());
    if (wait > 0) throw new DomainError('RATE_LIMITED', 'Too many requests for this address', { retryAfterMs: wait });
    ctx.state.accounts.resendActivation(email);
    return { status: 200, headers: { 'Cache-Control': 'no-cache' } };
  },
};
