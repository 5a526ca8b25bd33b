import type { operations } from '../../generated/admin';
import { problem } from '../../http/problem';
import type { TenantSummary, TypedHandlers } from '../../http/types';

type TenantOps = Pick<operations, 'listTenants' | 'createTenant' | 'deleteTenant' | 'getHealth'>;

const view = (t: TenantSummary) => ({ ...t, lastUsedAt: new Date(t.lastUsedAt).toISOString() });

/**
 * The answer of a long poll or an event stream in a tenant that does not
 * exist: reads there answer as a fresh world would without creating it, but
 * waiting in a world no one has created would wait for nothing.
 */
export const absentTenant = (name: string) =>
  problem(404, `No tenant is called ${name}, so nothing can happen in it to wait for; create it first with PUT /__admin/tenants/${name} (or any request in it that changes state)`);

/** The tenants of the app and how their state is kept, whichever world the request is served in. */
export const tenantHandlers: TypedHandlers<TenantOps, null> = {
  listTenants(ctx) {
    return { status: 200, body: { tenants: ctx.tenants.list().map(view) } };
  },

  createTenant(ctx) {
    const { name } = ctx.params;
    const made = ctx.tenants.create(name);
    if (!made) return problem(400, `${name} names the default world, which always exists and is no tenant; choose another name`);
    const { created, tenant } = made;
    return created ? { status: 201, body: view(tenant) } : { status: 200, body: view(tenant) };
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
