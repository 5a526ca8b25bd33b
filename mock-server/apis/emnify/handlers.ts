import type { Accounts } from '../../domain/accounts';
import { DomainError } from '../../domain/errors';
import type { User } from '../../domain/user-store';
import type { operations } from '../../generated/emnify';
import type { RequestContext, TypedHandlers } from '../../http/types';
import { activeUser } from './authenticate';
import type { EmnifySettings } from './settings';
import { ID } from './settings';

export interface EmnifyState {
  accounts: Accounts;
  settings: EmnifySettings;
}

type Ctx = RequestContext<EmnifyState>;

function currentUser(ctx: Ctx): User {
  if (!ctx.user) throw new DomainError('TOKEN_MISSING', 'No bearer token');
  return ctx.user;
}

function tokens(ctx: Ctx, user: User) {
  const { tokens: t } = ctx.runtime;
  const s = ctx.state.settings;
  return { status: 200, body: { auth_token: t.issue(user, 'access', s.authTokenTtlSeconds), refresh_token: t.issue(user, 'refresh', s.refreshTokenTtlSeconds) } };
}

export const handlers: TypedHandlers<operations, EmnifyState> = {
  authenticate(ctx) {
    const b = ctx.body;
    const { tokens: t } = ctx.runtime;
    if ('refresh_token' in b) {
      const claims = t.verify(b.refresh_token, ID, 'refresh');
      const user = activeUser(ctx, claims.sub, claims.pwv);
      return { status: 200, body: { auth_token: t.issue(user, 'access', ctx.state.settings.authTokenTtlSeconds) } };
    }
    // The mock issues no application tokens, so one is never valid here.
    if ('application_token' in b) throw new DomainError('INVALID_CREDENTIALS', 'Unknown application token');
    const user = ctx.state.accounts.checkCredentials(b.username, b.password.toLowerCase());
    return tokens(ctx, user);
  },

  user_activation_post(ctx) {
    ctx.state.accounts.activateWithKey(ctx.body.activationKey, ctx.body.password);
    return { status: 204 };
  },

  user_activation_resend_post(ctx) {
    const b = ctx.body;
    const token = b['g-recaptcha-response'];
    if (token === '' || ctx.state.settings.recaptchaFailingTokens.includes(token)) {
      throw new DomainError('RECAPTCHA_FAILED', 'g-recaptcha-response was rejected', { field: 'g-recaptcha-response' });
    }
    ctx.state.accounts.resendActivation(b.username);
    return { status: 204 };
  },

  user_password_patch(ctx) {
    ctx.state.accounts.changePassword(currentUser(ctx), ctx.body.old_password, ctx.body.new_password);
    return { status: 204 };
  },
};
