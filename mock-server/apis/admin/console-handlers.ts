import type { User } from '../../domain/user-store';
import type { operations } from '../../generated/admin';
import { problem } from '../../http/problem';
import type { RequestContext, TypedHandlers } from '../../http/types';
import { vendorAccounts, type VendorAccounts } from '../../runtime';
import { isVendorId } from '../../vendors';
import { userView } from './views';

type ConsoleOps = Pick<operations, 'updateUser' | 'deleteUser' | 'getClock' | 'getAppLinks'>;

/** The user the path names, or the 404 to answer; the spec has already checked that the id is a positive integer. */
function userById(ctx: RequestContext<null>): User | ReturnType<typeof problem<404>> {
  const id = Number(ctx.params.id);
  return ctx.runtime.users.byId(id) ?? problem(404, `No user has id ${id}`);
}

const isUser = (found: User | ReturnType<typeof problem<404>>): found is User => 'vendor' in found;

function accountsOf(ctx: RequestContext<null>, user: User): VendorAccounts {
  if (!isVendorId(user.vendor)) throw new Error(`User ${user.id} belongs to no served vendor (${user.vendor})`);
  return vendorAccounts(ctx.runtime, user.vendor);
}

/** The admin operations behind the developer console: edit and delete users, read the clock and the app links. */
export const consoleHandlers: TypedHandlers<ConsoleOps, null> = {
  updateUser(ctx) {
    const user = userById(ctx);
    if (!isUser(user)) return user;
    const v = accountsOf(ctx, user);
    const b = ctx.body;
    // The password first: if the vendor's rule refuses it, nothing else has changed.
    if (b.password !== undefined) v.accounts.assignPassword(user, b.password);
    if (b.status !== undefined) v.accounts.setStatus(user, b.status);
    if (b.name !== undefined) {
      user.name = b.name;
      user.updatedAt = ctx.runtime.clock.now();
      ctx.runtime.users.changed(user);
    }
    return { status: 200, body: userView(user) };
  },

  deleteUser(ctx) {
    const user = userById(ctx);
    if (!isUser(user)) return user;
    accountsOf(ctx, user).accounts.remove(user);
    return { status: 204 as const };
  },

  getClock(ctx) {
    const { clock } = ctx.runtime;
    return { status: 200, body: { now: new Date(clock.now()).toISOString(), offsetMs: clock.offset } };
  },

  getAppLinks(ctx) {
    // The config schema admits only http(s) templates, so a config file cannot put `javascript:` into the page.
    return { status: 200, body: { appLinks: ctx.runtime.config.appLinks } };
  },
};
