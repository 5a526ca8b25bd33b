import { hmacSha256Hex } from '../../domain/digests';
import { serialize as serializeCookie } from 'cookie';
import { randomHex } from '../../domain/random';
import type { User } from '../../domain/user-store';
import type { RequestContext } from '../../http/types';
import { ID } from './settings';
import type { AkanaState } from './state';

type Ctx = RequestContext<AkanaState>;

export const sessionCookieName = (ctx: Ctx): string => `AtmoAuthToken_${ctx.state.settings.fedMemberId}`;
export const csrfCookieName = (ctx: Ctx): string => `Csrf-Token_${ctx.state.settings.fedMemberId}`;
export const csrfHeaderName = (ctx: Ctx): string => `X-Csrf-Token_${ctx.state.settings.fedMemberId}`;

/**
 * A session's CSRF token: derived from its id with the world's secret, so it
 * needs no storage, stays the same when the session is renewed, and differs
 * from session to session.
 */
export function csrfToken(ctx: Ctx, sid: string): string {
  return hmacSha256Hex(ctx.runtime.config.jwtSecret, `${ID}:csrf:${ctx.runtime.tokens.world}:${sid}`).slice(0, 32);
}

/** A cookie's Path: the tenant prefix the request came through, or `/`. */
const cookiePath = (ctx: Ctx): string => ctx.mountPath || '/';

/** Set-Cookie for a session, new (login) or renewed (same `sid`): the session cookie (HttpOnly) and its CSRF cookie, expiring with the injected clock. */
export function sessionCookies(ctx: Ctx, user: User, sid = randomHex(ctx.runtime.random, 16)): string[] {
  const ttl = ctx.state.settings.sessionTtlSeconds;
  const expires = new Date(ctx.runtime.clock.now() + ttl * 1000);
  const token = ctx.runtime.tokens.issue(user, 'access', ttl, sid);
  return [
    serializeCookie(sessionCookieName(ctx), token, { httpOnly: true, path: cookiePath(ctx), maxAge: ttl, expires, sameSite: 'lax' }),
    serializeCookie(csrfCookieName(ctx), csrfToken(ctx, sid), { path: cookiePath(ctx), maxAge: ttl, expires, sameSite: 'lax' }),
  ];
}

/** Set-Cookie that expires both cookies, as Akana's logout sample does (`AtmoAuthToken=none;path=/;expires=<past>`). */
export function expiredCookies(ctx: Ctx): string[] {
  const past = { path: cookiePath(ctx), expires: new Date(0), maxAge: 0, sameSite: 'lax' as const };
  return [serializeCookie(sessionCookieName(ctx), 'none', { ...past, httpOnly: true }), serializeCookie(csrfCookieName(ctx), 'none', past)];
}
