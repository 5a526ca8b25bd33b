import type { operations } from '../../generated/akana';
import type { RequestContext, TypedHandlers } from '../../http/types';
import { sessionOf } from './authenticate';
import { expiredCookies, sessionCookies } from './sessions';
import type { AkanaState } from './state';

type SessionOperations = Pick<operations, 'endSession' | 'logout' | 'renewToken'>;

/** Ends the request's session for good: it is refused from now on, even if renewed, and its cookies are expired. */
function endSession(ctx: RequestContext<AkanaState>) {
  const { sid, expiresAt } = sessionOf(ctx);
  ctx.state.ended.end(sid, expiresAt, ctx.runtime.clock.now());
  return { status: 200 as const, headers: { 'Set-Cookie': expiredCookies(ctx), 'Cache-Control': 'no-cache' } };
}

/** endsession, logout and renewToken: the session's own operations (authenticate has checked the cookie and the CSRF header). */
export const sessionHandlers: TypedHandlers<SessionOperations, AkanaState> = {
  // There is no identity provider or remote federation member, so `returninstructions` has nothing to return.
  endSession,

  logout: endSession,

  renewToken(ctx) {
    const { user, sid } = sessionOf(ctx);
    // The same session with a new expiry: its CSRF token stays, and ending it ends every cookie it ever had.
    return { status: 200, headers: { 'Set-Cookie': sessionCookies(ctx, user, sid), 'Cache-Control': 'no-cache' } };
  },
};
