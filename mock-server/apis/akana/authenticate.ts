import { DomainError } from '../../domain/errors';
import type { User } from '../../domain/user-store';
import { sameSecret } from '../../http/same-secret';
import type { RequestContext } from '../../http/types';
import type { AkanaErrorCode } from './errors';
import { csrfHeaderName, csrfToken, sessionCookieName } from './sessions';
import { ID } from './settings';
import type { AkanaState } from './state';

type Ctx = RequestContext<AkanaState>;

/** The session a request's cookie names: its user, its id and when its cookie expires (ms). */
export interface Session {
  user: User;
  sid: string;
  expiresAt: number;
}

const LOGIN_REQUIRED = 'Authentication (login) is required';

/**
 * The valid session of the request's `AtmoAuthToken_{fedMemberId}` cookie, or
 * a DomainError that Akana's envelope answers with 401: no cookie, one that is
 * not valid here or has expired (the token service's checks, world and epoch
 * included), one whose session was ended, or one whose user is gone or no
 * longer active.
 */
export function sessionOf(ctx: Ctx): Session {
  const token = ctx.cookies[sessionCookieName(ctx)];
  if (!token) throw new DomainError('TOKEN_MISSING', LOGIN_REQUIRED);
  const claims = ctx.runtime.tokens.verify(token, ID, 'access');
  const now = ctx.runtime.clock.now();
  if (!claims.sid || ctx.state.ended.has(claims.sid, now)) throw new DomainError('TOKEN_REVOKED', 'The session has ended');
  const user = ctx.state.accounts.byId(Number(claims.sub));
  if (!user || user.status !== 'active') throw new DomainError('TOKEN_INVALID', 'The session names no active user');
  return { user, sid: claims.sid, expiresAt: claims.exp * 1000 };
}

/**
 * Operations that need a session: the cookie must name a valid one and, for
 * anything but a GET while CSRF prevention is on, the `X-Csrf-Token_{fedMemberId}`
 * header must carry the session's CSRF token (Akana: "not required for GET
 * operations and is required for all others").
 */
export function authenticate(ctx: Ctx): void {
  const session = sessionOf(ctx);
  if (ctx.state.settings.csrfProtection && ctx.op.method !== 'get') {
    const name = csrfHeaderName(ctx);
    const sent = ctx.headers[name.toLowerCase()];
    if (typeof sent !== 'string' || !sameSecret(sent, csrfToken(ctx, session.sid))) {
      throw new DomainError<AkanaErrorCode>('CSRF_INVALID', `The ${name} header is missing or not the session's`);
    }
  }
  ctx.user = session.user;
}
