import { DomainError } from '../../domain/errors';
import type { User } from '../../domain/user-store';
import type { operations } from '../../generated/akana';
import type { RequestContext, TypedHandlers } from '../../http/types';
import type { AkanaErrorCode } from './errors';
import type { AkanaState } from './state';
import { joinName, splitName, userId, userView } from './user-view';

type UserOperations = Pick<operations, 'getUser' | 'modifyUser' | 'deleteUser' | 'modifyPassword'>;
type Ctx = RequestContext<AkanaState>;

/** Whether the user is a Site Admin: the setting `siteAdmins` names the addresses (the role is Akana's, kept in its settings). */
export function isSiteAdmin(ctx: Ctx, user: User): boolean {
  const email = user.email.toLowerCase();
  return ctx.state.settings.siteAdmins.some((a) => a.toLowerCase() === email);
}

const notPermitted = (message: string) => new DomainError<AkanaErrorCode>('NOT_PERMITTED', message);

/** The user a UserID names: the decimal admin id. Anything else names nobody. */
function byUserId(ctx: Ctx, id: string): User | undefined {
  return /^[1-9][0-9]{0,15}$/.test(id) ? ctx.state.accounts.byId(Number(id)) : undefined;
}

/**
 * "Self (logged in) or Site Admin (for any user)": the user named, when that
 * is the caller or the caller is a Site Admin. Anyone else learns only 403,
 * whether or not the UserID exists; a Site Admin gets 404 for an unknown one.
 */
function selfOrSiteAdmin(ctx: Ctx): { target: User; admin: boolean; self: boolean } {
  const me = ctx.user!;
  const target = byUserId(ctx, ctx.params.UserID);
  const admin = isSiteAdmin(ctx, me);
  if (target && target.id === me.id) return { target, admin, self: true };
  if (!admin) throw notPermitted('Only the user or a Site Admin may do this');
  if (!target) throw new DomainError('USER_NOT_FOUND', 'No user has this UserID');
  return { target, admin, self: false };
}

const asText = (user: User) => ({ status: 200 as const, contentType: 'text/plain; charset=utf-8', body: userId(user) });

/** A new address for a user: Akana's own rules (only a Site Admin when users may not change theirs), unique per vendor; the login name follows it. */
function changeEmail(ctx: Ctx, user: User, email: string, admin: boolean): void {
  if (email.toLowerCase() === user.email.toLowerCase()) return;
  if (!admin && !ctx.state.settings.usersMayChangeEmail) throw notPermitted('Only a Site Admin may change the e-mail address');
  const { accounts } = ctx.state;
  const { users } = accounts.deps;
  if (accounts.byEmail(email) || users.byUsername(accounts.vendor, email)) throw new DomainError('EMAIL_TAKEN', 'A user with this e-mail address is already registered');
  // Akana users log in with their address: a login name that was the old address moves with it.
  const moves = user.username?.toLowerCase() === user.email.toLowerCase();
  users.setEmail(user, email, accounts.now());
  if (moves) users.setUsername(user, email, accounts.now());
}

/** getUser, modifyUser, deleteUser and modifyPassword: authenticate has checked the session and, but for GET, the CSRF header. */
export const userHandlers: TypedHandlers<UserOperations, AkanaState> = {
  getUser(ctx) {
    return { status: 200, body: userView(selfOrSiteAdmin(ctx).target) };
  },

  modifyUser(ctx) {
    const { target, admin } = selfOrSiteAdmin(ctx);
    const b = ctx.body;
    // Only what the mock keeps changes; Akana's other User fields are accepted as they come.
    if (b.Email !== undefined) changeEmail(ctx, target, b.Email, admin);
    if (b.FirstName !== undefined || b.LastName !== undefined) {
      const current = splitName(target.name);
      target.name = joinName(b.FirstName ?? current.FirstName, b.LastName ?? current.LastName);
      target.updatedAt = ctx.runtime.clock.now();
      ctx.state.accounts.deps.users.changed(target);
    }
    return asText(target);
  },

  deleteUser(ctx) {
    const me = ctx.user!;
    if (!isSiteAdmin(ctx, me)) throw notPermitted('Only a Site Admin may delete a user');
    const target = byUserId(ctx, ctx.params.UserID);
    if (!target) throw new DomainError('USER_NOT_FOUND', 'No user has this UserID');
    ctx.state.accounts.remove(target);
    return asText(target);
  },

  modifyPassword(ctx) {
    const { target, self } = selfOrSiteAdmin(ctx);
    const { OldPassword, NewPassword } = ctx.body;
    const { accounts } = ctx.state;
    // A user changing their own password proves the old one; a Site Admin setting another's need not.
    if (OldPassword !== undefined) accounts.changePassword(target, OldPassword, NewPassword);
    else if (!self) accounts.assignPassword(target, NewPassword);
    else throw new DomainError('INVALID_INPUT', 'OldPassword is required to change your own password', { field: 'OldPassword' });
    return asText(target);
  },
};
