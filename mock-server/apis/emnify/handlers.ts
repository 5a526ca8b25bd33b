import crypto from 'node:crypto';
import type { Accounts } from '../../domain/accounts';
import { DomainError } from '../../domain/errors';
import type { User } from '../../domain/user-store';
import type { Handler, RequestContext } from '../../http/types';
import type { EmnifySettings } from './settings';
import { ID } from './settings';

export interface EmnifyState {
  accounts: Accounts;
  settings: EmnifySettings;
}

type Ctx = RequestContext<EmnifyState>;
type Body = Record<string, string | undefined>;

/** Clients send SHA-1 hex of the password to authenticate; that digest is what is stored. */
export const sha1Hex = (password: string): string => crypto.createHash('sha1').update(password, 'utf8').digest('hex');

function activeUser(ctx: Ctx, id: string, pwv: number): User {
  const user = ctx.state.accounts.byId(Number(id));
  if (!user || user.status !== 'active') throw new DomainError('TOKEN_INVALID', 'The token names no active user');
  if (ctx.state.settings.revokeTokensOnPasswordChange && pwv !== user.passwordVersion) {
    throw new DomainError('TOKEN_REVOKED', 'The password was changed after this token was issued');
  }
  return user;
}

export const handlers: Record<string, Handler<EmnifyState>> = {
  authenticate(ctx) {
    const b = ctx.body as Body;
    const { tokens } = ctx.runtime;
    const s = ctx.state.settings;
    if (b.refresh_token !== undefined) {
      const claims = tokens.verify(b.refresh_token, ID, 'refresh');
      const user = activeUser(ctx, claims.sub, claims.pwv);
      return { status: 200, body: { auth_token: tokens.issue(user, 'access', s.authTokenTtlSeconds) } };
    }
    // The mock issues no application tokens, so one is never valid here.
    if (b.application_token !== undefined) throw new DomainError('INVALID_CREDENTIALS', 'Unknown application token');
    const user = ctx.state.accounts.login(b.username!, b.password!.toLowerCase());
    return {
      status: 200,
      body: { auth_token: tokens.issue(user, 'access', s.authTokenTtlSeconds), refresh_token: tokens.issue(user, 'refresh', s.refreshTokenTtlSeconds) },
    };
  },

  user_activation_post(ctx) {
    const b = ctx.body as Body;
    ctx.state.accounts.activateWithKey(b.activationKey!, sha1Hex(b.password!), b.password!);
    return { status: 204 };
  },

  user_activation_resend_post(ctx) {
    const b = ctx.body as Body;
    const token = b['g-recaptcha-response'] ?? '';
    if (token === '' || ctx.state.settings.recaptchaFailingTokens.includes(token)) {
      throw new DomainError('RECAPTCHA_FAILED', 'g-recaptcha-response was rejected', { field: 'g-recaptcha-response' });
    }
    ctx.state.accounts.resendActivation(b.username!);
    return { status: 204 };
  },

  user_password_patch(ctx) {
    const b = ctx.body as Body;
    ctx.state.accounts.changePassword(ctx.user!, sha1Hex(b.old_password!), sha1Hex(b.new_password!), b.new_password!);
    return { status: 204 };
  },
};

/** Bearer JWT from `authenticate`; expired, malformed and revoked tokens are told apart. */
export function authenticate(ctx: Ctx): void {
  const credential = ctx.credentials[0];
  if (!credential) throw new DomainError('TOKEN_MISSING', 'No bearer token');
  const claims = ctx.runtime.tokens.verify(credential.value, ID, 'access');
  ctx.user = activeUser(ctx, claims.sub, claims.pwv);
}
