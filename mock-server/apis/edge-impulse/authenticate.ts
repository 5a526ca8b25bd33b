import { DomainError } from '../../domain/errors';
import type { RequestContext } from '../../http/types';
import { ID } from './settings';
import type { EdgeImpulseErrorCode } from './errors';
import type { EdgeImpulseState } from './handlers';

/**
 * JWT-only operations: the token comes from the `jwt` cookie or the
 * `x-jwt-token` header (the spec's security schemes). An API key alone is
 * refused with its own message, since the vendor says "only available
 * through a JWT token".
 */
export function authenticate(ctx: RequestContext<EdgeImpulseState>): void {
  const credential = ctx.credentials[0];
  if (!credential) {
    if (ctx.headers['x-api-key']) throw new DomainError<EdgeImpulseErrorCode>('JWT_REQUIRED', 'An API key is not accepted here');
    throw new DomainError('TOKEN_MISSING', 'No JWT');
  }
  const claims = ctx.runtime.tokens.verify(credential.value, ID, 'access');
  const user = ctx.state.accounts.byId(Number(claims.sub));
  if (!user) throw new DomainError('TOKEN_INVALID', 'The token names no user');
  if (user.status === 'suspended') throw new DomainError('ACCOUNT_SUSPENDED', 'This account is suspended');
  ctx.user = user;
}
