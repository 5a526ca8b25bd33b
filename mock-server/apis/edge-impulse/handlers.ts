import { serialize as serializeCookie } from 'cookie';
import { DomainError } from '../../domain/errors';
import { randomHex } from '../../domain/random';
import type { User } from '../../domain/user-store';
import type { RequestContext, TypedHandlers } from '../../http/types';
import type { operations } from '../../generated/edge-impulse';
import type { Accounts } from '../../domain/accounts';
import type { ActivationFlow, PasswordResetFlow, ThirdPartyFlow } from '../../domain/flows';
import type { EdgeImpulseSettings } from './settings';

export interface EdgeImpulseState {
  accounts: Accounts;
  activation: ActivationFlow;
  passwordReset: PasswordResetFlow;
  thirdParty: ThirdPartyFlow;
  settings: EdgeImpulseSettings;
  /** Set-Cookie values by token: a token is reused within its second (see TokenService), and so is its cookie. */
  cookies: Map<string, string>;
}

type Ctx = RequestContext<EdgeImpulseState>;
// Typed by what it carries, so each handler's answer is checked against the schema its operation documents for 200.
const ok = <T extends object = Record<never, never>>(extra?: T) => ({ status: 200 as const, body: { success: true as const, ...(extra as T) } });

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

function currentUser(ctx: Ctx): User {
  if (!ctx.user) throw new DomainError('TOKEN_MISSING', 'No JWT');
  return ctx.user;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** GetUserResponse as the vendor's model has it; the mock has no projects, organizations or experiments. */
function userResponse(user: User) {
  return ok({
    id: user.id,
    // A third party's user has no username until activation; the vendor's model requires the field.
    username: user.username ?? '',
    name: user.name,
    email: user.email,
    created: iso(user.createdAt),
    staffInfo: { isStaff: false, hasSudoRights: false },
    pending: user.status === 'pending',
    activated: user.status === 'active',
    mfaConfigured: user.mfaSecret !== null,
    tier: 'free' as const,
    organizations: [],
    projects: [],
    experiments: [],
    suspended: user.status === 'suspended',
    notifications: [],
    passwordConfigured: user.passwordHash !== null,
    projectsSortOrder: 'created-desc' as const,
    hasEnterpriseFeaturesAccess: false,
    lastAccessedProjects: { projects: [], hasMoreProjects: false },
    privatePersonalProjectsUsed: 0,
    eulas: [],
  });
}

export const handlers: TypedHandlers<operations, EdgeImpulseState> = {
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
    return userResponse(ctx.state.thirdParty.userByCode(ctx.body.activationCode));
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
    return ok({ id: user.id });
  },

  getCurrentUser(ctx) {
    return userResponse(currentUser(ctx));
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
