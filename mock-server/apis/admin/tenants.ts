import type { operations } from '../../generated/admin';
import { problem } from '../../http/problem';
import type { TypedHandlers } from '../../http/types';

type TenantOps = Pick<operations, 'listTenants' | 'deleteTenant' | 'getHealth'>;

/** The tenants of the app and how their state is kept, whichever world the request is served in. */
export const tenantHandlers: TypedHandlers<TenantOps, null> = {
  listTenants(ctx) {
    return { status: 200, body: { tenants: ctx.tenants.list().map((t) => ({ ...t, lastUsedAt: new Date(t.lastUsedAt).toISOString() })) } };
  },

  getHealth(ctx) {
    const state = ctx.storage.health();
    return { status: 200, body: { status: state.acceptsChanges ? 'ok' : 'failing', state } };
  },

  deleteTenant(ctx) {
    const { name } = ctx.params;
    return ctx.tenants.delete(name) ? { status: 204 } : problem(404, `No tenant is called ${name}`);
  },
};
