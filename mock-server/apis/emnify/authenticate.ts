import { DomainError } from '../../domain/errors';
import type { User } from '../../domain/user-store';
import type { RequestContext } from '../../http/types';
import { ID } from './settings';
import type { EmnifyState } from './state';

/** The active user a token names; tokens issued before a password change are refused when the setting says so. */
export function activeUser(ctx: RequestContext<EmnifyState>, id: string, pwv: number): User {
  const user = ctx.state.accounts.byId(Number(id));
  if (!user || user.status !== 'active') throw new DomainError('TOKEN_INVALID', 'The token names no active user');
  if (ctx.state.settings.revokeTokensOnPasswordChange && pwv !== user.passwordVersion) {
    throw new DomainError('TOKEN_REVOKED', 'The password was changed after this token was issued');
  }
  return user;
}

/** The user the request's bearer token names (set by `authenticate` below on every secured operation). */
export function currentUser(ctx: RequestContext<EmnifyState>): User {
  if (!ctx.user) throw new DomainError('TOKEN_MISSING', 'No bearer token');
  return ctx.user;
}

/** Bearer JWT from `authenticate`; expired, malformed and revoked tokens are told apart. */
export function authenticate(ctx: RequestContext<EmnifyState>): void {
  const credential = ctx.credentials[0];
  if (!credential) throw new DomainError('TOKEN_MISSING', 'No bearer token');
  const claims = ctx.runtime.tokens.verify(credential.value, ID, 'access');
  ctx.user = activeUser(ctx, claims.sub, claims.pwv);
}
