import { serialize as serializeCookie } from 'cookie';
import { DomainError } from '../../domain/errors';
import { randomHex } from '../../domain/random';
import type { User } from '../../domain/user-store';
import type { TypedHandlers } from '../../http/types';
import type { operations } from '../../generated/edge-impulse';
import { accountHandlers } from './account-handlers';
import { emailHandlers } from './email-handlers';
import { currentUser, ok, SIGNUP_APPROVAL, type Ctx, type EdgeImpulseState } from './state';
import { userResponse } from './user-response';

export type { EdgeImpulseState } from './state';

/** The Studio keeps the session in the `jwt` cookie; browser apps rely on it. Expiry follows the injected clock. */
function jwtCookie(ctx: Ctx, token: string, ttlSeconds: number): string {
  const memo = ctx.state.cookies;
  let header = memo.get(token);
  if (header === undefined) {
    header = serializeCookie('jwt', token, { httpOnly: true, sameSite: 'lax', path: ctx.mountPath || '/', maxAge: ttlSeconds, expires: new Date(ctx.runtime.clock.now() + ttlSeconds * 1000) });
    if (memo.size >= 1000) memo.clear();
    memo.set(token, header);
  }
  return header;
}

function issueToken(ctx: Ctx, user: User) {
  const ttl = ctx.state.settings.jwtTtlSeconds;
  const token = ctx.runtime.tokens.issue(user, 'access', ttl);
  return { ...ok({ token }), headers: { 'Set-Cookie': jwtCookie(ctx, token, ttl) } };
}


type CoreOperations = Omit<operations, keyof typeof accountHandlers | keyof typeof emailHandlers>;

const coreHandlers: TypedHandlers<CoreOperations, EdgeImpulseState> = {
  login(ctx) {
    const b = ctx.body;
    const user = ctx.state.accounts.login(b.username, b.password, b.totpToken);
    return issueToken(ctx, user);
  },

  requestResetPassword(ctx) {
    ctx.state.passwordReset.request(ctx.body.email);
    return ok();
  },

  verifyResetPassword(ctx) {
    const b = ctx.body;
    ctx.state.passwordReset.verify(b.email, b.code);
    return ok();
  },

  resetPassword(ctx) {
    const b = ctx.body;
    ctx.state.passwordReset.reset(b.email, b.code, b.newPassword);
    return ok();
  },

  activateCurrentUser(ctx) {
    ctx.state.activation.activate(currentUser(ctx), ctx.body.code);
    return ok();
  },

  requestActivationCodeCurrentUser(ctx) {
    ctx.state.activation.request(currentUser(ctx));
    return ok();
  },

  getUserByThirdPartyActivationCode(ctx) {
    const user = ctx.state.thirdParty.userByCode(ctx.body.activationCode);
    return userResponse(user, ctx.state.profiles.of(user));
  },

  activateUserByThirdPartyActivationCode(ctx) {
    const b = ctx.body;
    const user = ctx.state.thirdParty.activate(b.activationCode, {
      username: b.username,
      password: b.password,
      name: b.name,
    });
    return issueToken(ctx, user);
  },

  createUser(ctx) {
    const b = ctx.body;
    const { user } = ctx.state.accounts.register({ email: b.email, username: b.username, name: b.name, password: b.password ?? null, status: 'pending' });
    // The approver gets the code verifySignupApproval takes (the vendor sends it from its admin API; x-inferred).
    if (b.approverEmail !== undefined) ctx.state.accounts.sendCode(user, SIGNUP_APPROVAL, undefined, b.approverEmail);
    if (b.jobTitle !== undefined || b.companyName !== undefined) ctx.state.profiles.update(user, { jobTitle: b.jobTitle, companyName: b.companyName });
    return ok({ id: user.id });
  },

  getCurrentUser(ctx) {
    const user = currentUser(ctx);
    return userResponse(user, ctx.state.profiles.of(user));
  },

  changePasswordCurrentUser(ctx) {
    ctx.state.accounts.changePassword(currentUser(ctx), ctx.body.currentPassword, ctx.body.newPassword);
    return ok();
  },

  userGenerateNewTotpMfaKey(ctx) {
    const user = currentUser(ctx);
    const key = ctx.state.accounts.mfa.createKey(user);
    const label = encodeURIComponent(`Edge Impulse:${user.username ?? user.email}`);
    return ok({ key: key.secret, url: `otpauth://totp/${label}?secret=${key.secret}&issuer=Edge%20Impulse` });
  },

  userSetTotpMfaKey(ctx) {
    const user = currentUser(ctx);
    const pending = ctx.state.accounts.mfa.keys(user).find((k) => k.status === 'pending' && k.secret === ctx.body.key);
    if (!pending) throw new DomainError('MFA_KEY_NOT_FOUND', 'Unknown key: create one with userGenerateNewTotpMfaKey first');
    ctx.state.accounts.mfa.activateKey(user, ctx.body.totpToken, pending.id);
    return ok({ recoveryCodes: Array.from({ length: 10 }, () => randomHex(ctx.runtime.random, 5)) });
  },

  userDeleteTotpMfaKey(ctx) {
    ctx.state.accounts.mfa.turnOff(currentUser(ctx), ctx.body.totpToken);
    return ok();
  },
};

export const handlers: TypedHandlers<operations, EdgeImpulseState> = { ...coreHandlers, ...accountHandlers, ...emailHandlers };
