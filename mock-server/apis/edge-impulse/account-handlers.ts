import { DomainError } from '../../domain/errors';
import type { User } from '../../domain/user-store';
import type { TypedHandlers } from '../../http/types';
import type { operations } from '../../generated/edge-impulse';
import type { EdgeImpulseErrorCode } from './errors';
import { currentUser, ok, SIGNUP_APPROVAL, type Ctx, type EdgeImpulseState } from './state';

type AccountOperations = Pick<operations, 'updateCurrentUser' | 'deleteCurrentUser' | 'getUserNeedToSetPassword' | 'getSSODomainIdPs' | 'verifySignupApproval'>;

const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/**
 * The user and the e-mail domain a `usernameOrEmail` path parameter names: a
 * user's address gives the domain; what names no user is an address or a
 * bare domain.
 */
function lookUp(ctx: Ctx, usernameOrEmail: string): { user?: User; idps: readonly string[] } {
  const user = ctx.state.accounts.find(usernameOrEmail);
  const domain = user ? domainOf(user.email) : domainOf(usernameOrEmail);
  return { user, idps: ctx.state.domainIdps.get(domain) ?? [] };
}

export const accountHandlers: TypedHandlers<AccountOperations, EdgeImpulseState> = {
  updateCurrentUser(ctx) {
    const user = currentUser(ctx);
    const { name, ...profile } = ctx.body;
    if (name !== undefined) {
      user.name = name;
      user.updatedAt = ctx.state.accounts.now();
      ctx.state.accounts.deps.users.changed(user);
    }
    ctx.state.profiles.update(user, profile);
    return ok();
  },

  deleteCurrentUser(ctx) {
    const user = currentUser(ctx);
    const { password, totpToken } = ctx.body;
    const { accounts } = ctx.state;
    // The password first, so that only its owner learns that a TOTP token is wanted (the order is the mock's; x-inferred).
    if (user.passwordHash !== null) {
      if (password === undefined) throw new DomainError<EdgeImpulseErrorCode>('PASSWORD_REQUIRED', 'The password is required to delete this account');
      if (!accounts.passwordMatches(user, password)) throw new DomainError('WRONG_OLD_PASSWORD', 'Wrong password');
    }
    if (user.mfaSecret !== null) {
      if (!totpToken) throw new DomainError('TOTP_REQUIRED', 'A TOTP token is required for this account');
      accounts.mfa.verify(user, totpToken);
    }
    // Its JWTs name a user who is gone from now on, so `authenticate` refuses them.
    accounts.remove(user);
    ctx.state.profiles.forget(user.id);
    return ok();
  },

  getUserNeedToSetPassword(ctx) {
    const { user, idps } = lookUp(ctx, ctx.params.usernameOrEmail);
    if (!user) throw new DomainError('USER_NOT_FOUND', 'No user has this username or e-mail address');
    return ok({
      email: user.email,
      needPassword: user.passwordHash === null,
      whitelabels: [],
      trials: [],
      // Activation proves the address, and so does verifyEmail (x-inferred).
      emailVerified: user.activatedAt !== null || ctx.state.emailVerifications.isVerified(user.email),
      idps: [...idps],
    });
  },

  getSSODomainIdPs(ctx) {
    const { user, idps } = lookUp(ctx, ctx.params.usernameOrEmail);
    return ok({ idps: [...idps], ...(user ? { needsPasswordSetup: user.passwordHash === null && idps.length === 0 } : {}) });
  },

  verifySignupApproval(ctx) {
    const { accounts } = ctx.state;
    const user = accounts.codeOwner(SIGNUP_APPROVAL, ctx.body.code);
    accounts.consumeCode(SIGNUP_APPROVAL, ctx.body.code, user.id);
    return ok({ username: user.username ?? '', email: user.email });
  },
};
