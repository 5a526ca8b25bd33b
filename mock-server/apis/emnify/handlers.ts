import { DomainError, isDomainError } from '../../domain/errors';
import type { User } from '../../domain/user-store';
import type { operations } from '../../generated/emnify';
import type { RequestContext, TypedHandlers } from '../../http/types';
import { activeUser, currentUser } from './authenticate';
import type { EmnifyErrorCode } from './errors';
import { ID } from './settings';
import { machineAccessHandlers } from './machine-access';
import type { EmnifyState } from './state';
import { userHandlers } from './users';
import { KEY_STATUS, keyView, TOTP_TYPE } from './views';

type Ctx = RequestContext<EmnifyState>;
const SHA1_HEX = /^[0-9a-f]{40}$/i;

function tokens(ctx: Ctx, user: User) {
  const { tokens: t } = ctx.runtime;
  const s = ctx.state.settings;
  return { status: 200 as const, body: { auth_token: t.issue(user, 'access', s.authTokenTtlSeconds), refresh_token: t.issue(user, 'refresh', s.refreshTokenTtlSeconds) } };
}

/** The second call of an MFA login: the code of the user's key for the mfa_token of the first call. */
function verifyMfa(ctx: Ctx, b: { mfa_token: string; code: string; trusted_device?: { fingerprint?: string; operating_system?: string; browser?: string; name?: string } }) {
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
  const device = b.trusted_device;
  if (device?.fingerprint) {
    accounts.mfa.trustDevice(user, { fingerprint: device.fingerprint, operatingSystem: device.operating_system, browser: device.browser, name: device.name }, settings.trustedDeviceTtlMs);
  }
  return tokens(ctx, user);
}

const accountHandlers: TypedHandlers<Omit<operations, keyof typeof userHandlers | keyof typeof machineAccessHandlers>, EmnifyState> = {
  authenticate(ctx) {
    const b = ctx.body;
    const { tokens: t } = ctx.runtime;
    if ('refresh_token' in b) {
      const claims = t.verify(b.refresh_token, ID, 'refresh');
      const user = activeUser(ctx, claims.sub, claims.pwv);
      return { status: 200, body: { auth_token: t.issue(user, 'access', ctx.state.settings.authTokenTtlSeconds) } };
    }
    // An application token acts as its creator and gets no refresh_token, as the vendor documents.
    if ('application_token' in b) {
      const { accounts } = ctx.state;
      const creator = accounts.byId(accounts.appTokens.redeem(b.application_token).creatorId);
      if (!creator || creator.status !== 'active') throw new DomainError('INVALID_CREDENTIALS', 'The creator of this application token cannot log in');
      return { status: 200, body: { auth_token: t.issue(creator, 'access', ctx.state.settings.authTokenTtlSeconds) } };
    }
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
    if (ctx.body.type.id !== TOTP_TYPE.id) throw new DomainError('INVALID_INPUT', `Unknown MFA key type ${ctx.body.type.id}; 1 is TOTP`, { field: 'type' });
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
};

export const handlers: TypedHandlers<operations, EmnifyState> = { ...accountHandlers, ...userHandlers, ...machineAccessHandlers };
