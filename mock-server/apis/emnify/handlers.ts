import { DomainError, isDomainError } from '../../domain/errors';
import type { MfaKey } from '../../domain/mfa';
import type { User } from '../../domain/user-store';
import type { operations } from '../../generated/emnify';
import type { RequestContext, TypedHandlers } from '../../http/types';
import { activeUser } from './authenticate';
import type { EmnifyErrorCode } from './errors';
import { ID } from './settings';
import type { EmnifyState } from './state';

type Ctx = RequestContext<EmnifyState>;
const SHA1_HEX = /^[0-9a-f]{40}$/i;
const TOTP_TYPE = 1;
const STATUS = { pending: { id: 0, description: 'ACTIVATION_PENDING' }, active: { id: 1, description: 'ACTIVE' }, suspended: { id: 2, description: 'SUSPENDED' } } as const;
const KEY_STATUS = { pending: { id: 0, description: 'Activation Pending' }, active: { id: 1, description: 'Active' } } as const;

function currentUser(ctx: Ctx): User {
  if (!ctx.user) throw new DomainError('TOKEN_MISSING', 'No bearer token');
  return ctx.user;
}

function tokens(ctx: Ctx, user: User) {
  const { tokens: t } = ctx.runtime;
  const s = ctx.state.settings;
  return { status: 200 as const, body: { auth_token: t.issue(user, 'access', s.authTokenTtlSeconds), refresh_token: t.issue(user, 'refresh', s.refreshTokenTtlSeconds) } };
}

const iso = (ms: number | null): string | undefined => (ms === null ? undefined : new Date(ms).toISOString());

function keyView(key: MfaKey, withSecret: { email: string } | undefined) {
  return {
    id: key.id,
    status: KEY_STATUS[key.status],
    type: { id: TOTP_TYPE, description: 'TOTP' },
    ...(withSecret
      ? { secret_key: key.secret, otpauth: `otpauth://totp/EMnify:${encodeURIComponent(withSecret.email)}?secret=${key.secret}&issuer=EMnify` }
      : {}),
    creation_date: iso(key.createdAt),
    ...(key.activatedAt === null ? {} : { activation_date: iso(key.activatedAt) }),
  };
}

/** The second call of an MFA login: the code of the user's key for the mfa_token of the first call. */
function verifyMfa(ctx: Ctx, b: { mfa_token: string; code: string; trusted_device?: { fingerprint?: string } }) {
  const { accounts, settings } = ctx.state;
  let user: User;
  try {
    const claims = ctx.runtime.tokens.verify(b.mfa_token, ID, 'mfa');
    user = activeUser(ctx, claims.sub, claims.pwv);
    accounts.mfa.verify(user, b.code);
  } catch (err) {
    // The vendor answers most authentication failures with an empty 401: an expired token and a wrong code alike.
    if (isDomainError(err)) throw new DomainError('INVALID_CREDENTIALS', 'Wrong or expired MFA code');
    throw err;
  }
  // A device without a fingerprint could never be recognised again, so there is nothing to remember.
  if (b.trusted_device?.fingerprint) accounts.mfa.trustDevice(user, b.trusted_device.fingerprint, settings.trustedDeviceTtlMs);
  return tokens(ctx, user);
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
    if ('mfa_token' in b) return verifyMfa(ctx, b);
    if (!SHA1_HEX.test(b.password)) {
      // The vendor just fails the check; the console tells the developer why (never the password itself).
      // A username may be 4,096 characters long: the console line shows its start only.
      const who = b.username.length > 80 ? `${b.username.slice(0, 80)}…` : b.username;
      ctx.runtime.logger.warn(`emnify authenticate for '${who}': password is not a SHA-1 hex digest; clients send sha1(password) in hex`);
    }
    const { accounts } = ctx.state;
    const user = accounts.checkCredentials(b.username, b.password.toLowerCase());
    if (user.mfaSecret && !(b.fingerprint && accounts.mfa.isTrustedDevice(user, b.fingerprint))) {
      accounts.mfa.mailOneTimePassword(user);
      return { status: 200, body: { mfa_token: t.issue(user, 'mfa', ctx.state.settings.mfaTokenTtlSeconds) } };
    }
    return tokens(ctx, user);
  },

  user_activation_post(ctx) {
    ctx.state.activation.activateWithKey(ctx.body.activationKey, ctx.body.password);
    return { status: 204 };
  },

  'user-v-2-activation'(ctx) {
    ctx.state.activation.activateWithKey(ctx.body.activationKey, ctx.body.password, ctx.body.name);
    return { status: 204 };
  },

  user_activation_resend_post(ctx) {
    const b = ctx.body;
    const token = b['g-recaptcha-response'];
    if (token === '' || ctx.state.settings.recaptchaFailingTokens.includes(token)) {
      throw new DomainError<EmnifyErrorCode>('RECAPTCHA_FAILED', 'g-recaptcha-response was rejected', { field: 'g-recaptcha-response' });
    }
    ctx.state.activation.resend(b.username);
    return { status: 204 };
  },

  user_password_patch(ctx) {
    ctx.state.accounts.changePassword(currentUser(ctx), ctx.body.old_password, ctx.body.new_password);
    return { status: 204 };
  },

  'post-mfa'(ctx) {
    const user = currentUser(ctx);
    const { accounts } = ctx.state;
    if (ctx.body.type.id !== TOTP_TYPE) throw new DomainError('INVALID_INPUT', `Unknown MFA key type ${ctx.body.type.id}; 1 is TOTP`, { field: 'type' });
    if (!accounts.passwordMatches(user, ctx.body.password)) throw new DomainError('INVALID_INPUT', `Wrong Password for User '${user.email}'`, { field: 'password' });
    return { status: 200, body: keyView(accounts.mfa.createKey(user), user) };
  },

  'user-mfa-by-id-patch'(ctx) {
    if (ctx.body.status.id !== KEY_STATUS.active.id) throw new DomainError('INVALID_INPUT', 'status.id must be 1 (Active)', { field: 'status' });
    ctx.state.accounts.mfa.activateKey(currentUser(ctx), ctx.body.code, Number(ctx.params.key_id));
    return { status: 204 };
  },

  'user-mfa-by-user-id-and-key-id-delete'(ctx) {
    const user = currentUser(ctx);
    // No organisations in the mock: a user reaches only their own keys.
    if (Number(ctx.params.user_id) !== user.id) throw new DomainError('MFA_KEY_NOT_FOUND', 'No such MFA key for this user');
    ctx.state.accounts.mfa.deleteKey(user, Number(ctx.params.key_id));
    return { status: 204 };
  },

  'user-by-id-get'(ctx) {
    const ref = ctx.params.user_id;
    const { accounts } = ctx.state;
    const user = /^\d+$/.test(ref) ? accounts.byId(Number(ref)) : accounts.find(ref);
    if (!user) throw new DomainError('USER_NOT_FOUND', 'User not found');
    return {
      status: 200,
      body: {
        id: user.id,
        username: user.username ?? user.email,
        name: user.name,
        created: iso(user.createdAt),
        status: STATUS[user.status],
        organisation: { id: 1, name: 'authmock' },
        roles: [{ id: 1, description: 'Administrator' }],
        mfa: accounts.mfa.keys(user).map((k) => keyView(k, undefined)),
      },
    };
  },
};
