import { useEffect, useState } from 'preact/hooks';
import type { AdminApi, Schemas } from '../api.js';
import { batchEvents, onReload, type EventHub } from '../events.js';
import { routeHash, type Route } from '../route.js';
import { Empty, ErrorBox, Time } from '../ui.js';

type Tenant = Schemas['Tenant'];

/** `#/tenants`: every tenant of the mock, whichever world the console shows; each can be opened or dropped. */
export function TenantsView({ api, hub, route }: { api: AdminApi; hub: EventHub; route: Route }) {
  const [tenants, setTenants] = useState<Tenant[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const load = async (): Promise<void> => {
    try {
      const list = await api.request('get', '/tenants', { root: true });
      // Most recently used first: the one a test run is using now is at the top.
      setTenants([...list.tenants].reverse());
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    void load();
    const offTenants = batchEvents(hub, ['tenant', 'mail', 'user'], () => void load(), 500);
    const offReload = onReload(hub, load);
    return () => (offTenants(), offReload());
  }, [api, hub]);

  const remove = async (name: string): Promise<void> => {
    if (!confirm(`Drop tenant ${name}? Its users, mail and journal go; its next request creates it afresh.`)) return;
    try {
      await api.request('delete', '/tenants/{name}', { params: { name }, root: true });
      setNotice(`Tenant ${name} dropped`);
      await load();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section aria-labelledby="tenants-title">
      <div class="view-head">
        <h2 id="tenants-title">Tenants</h2>
      </div>
      <p class="notice" role="status">
        {notice}
      </p>
      <ErrorBox error={error} />
      {tenants !== null && tenants.length === 0 ? <Empty>No tenants: every request goes to the default world.</Empty> : null}
      {tenants?.length ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Tenant</th>
                <th scope="col">Users</th>
                <th scope="col">Mail</th>
                <th scope="col">Last used</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {tenants.map((t) => (
                <tr key={t.name} data-tenant={t.name}>
                  <td>
                    <a href={routeHash(route, { view: 'users', tenant: t.name })}>{t.name}</a>
                  </td>
                  <td class="num">{t.users}</td>
                  <td class="num">{t.messages}</td>
                  <td>
                    <Time iso={t.lastUsedAt} />
                  </td>
                  <td>
                    <button type="button" class="danger" aria-label={`Drop tenant ${t.name}`} onClick={() => void remove(t.name)}>
                      Drop
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
