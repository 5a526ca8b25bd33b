import type { Accounts } from '../../domain/accounts';
import { DomainError } from '../../domain/errors';
import type { ActivationFlow } from '../../domain/flows';
import type { User } from '../../domain/user-store';
import type { operations } from '../../generated/acme';
import type { RequestContext, TypedHandlers } from '../../http/types';
import { ID } from './id';
import type { AcmeSettings } from './settings';

export interface AcmeState {
  accounts: Accounts;
  activation: ActivationFlow;
  settings: AcmeSettings;
}

const account = (u: User) => ({ id: u.id, email: u.email, name: u.name, status: u.status });

/** Bearer tokens are the mock's JWTs for this vendor; `authenticate` sets `ctx.user` from one. */
export function authenticate(ctx: RequestContext<AcmeState>): void {
  const credential = ctx.credentials[0];
  if (!credential) throw new DomainError('TOKEN_MISSING', 'No bearer token');
  const claims = ctx.runtime.tokens.verify(credential.value, ID, 'access');
  const user = ctx.state.accounts.byId(Number(claims.sub));
  if (!user || user.status !== 'active') throw new DomainError('TOKEN_INVALID', 'The token names no active account');
  ctx.user = user;
}

export const handlers: TypedHandlers<operations, AcmeState> = {
  signUp(ctx) {
    const b = ctx.body;
    const { user } = ctx.state.accounts.register({ email: b.email, password: b.password, name: b.name ?? '', status: 'pending' });
    return { status: 201, body: account(user) };
  },

  activate(ctx) {
    const user = ctx.state.accounts.byEmail(ctx.body.email);
    if (!user) throw new DomainError('CODE_INVALID', 'The code is not valid');
    return { status: 200, body: account(ctx.state.activation.activate(user, ctx.body.code)) };
  },

  login(ctx) {
    const user = ctx.state.accounts.login(ctx.body.email, ctx.body.password);
    const ttl = ctx.state.settings.tokenTtlSeconds;
    return { status: 200, body: { access_token: ctx.runtime.tokens.issue(user, 'access', ttl), token_type: 'Bearer', expires_in: ttl } };
  },

  getMe(ctx) {
    if (!ctx.user) throw new DomainError('TOKEN_MISSING', 'No bearer token');
    return { status: 200, body: account(ctx.user) };
  },
};
