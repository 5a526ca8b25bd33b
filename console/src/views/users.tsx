import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AdminApi, FormInput, Schemas } from '../api.js';
import { batchEvents, onReload, type EventHub } from '../events.js';
import type { Message } from './user-codes.js';
import { go, routeHash, type Route } from '../route.js';
import { newestMailOf, PendingCode, TotpCode, useNewestMail } from './user-codes.js';
import { describedBy, Empty, ErrorBox, Field, fieldError, FilterSelect, STATUSES, Time, VendorBadge, vendorName, VendorOptions, VENDORS } from '../ui.js';

type User = Schemas['User'];
type CreatedUser = Schemas['CreatedUser'];

/** Users shown at first, and how many more each "Show more" adds. */
const SHOWN = 200;

function CreateUserForm({ api, created }: { api: AdminApi; created: (u: CreatedUser) => void }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    // Only what was filled in: the admin API's schema decides what is valid, and says why not.
    const fields: FormInput<Schemas['CreateUserRequest']> = {};
    for (const key of ['vendor', 'email', 'username', 'name', 'password', 'status'] as const) {
      const v = String(data.get(key) ?? '');
      if (v !== '') fields[key] = v;
    }
    if (data.get('mfa')) fields.mfa = true;
    setBusy(true);
    try {
      const user = await api.request('post', '/users', { input: fields });
      setError(null);
      form.reset();
      created(user);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const input = (field: string, label: string) => (
    <Field id={`new-${field}`} label={label} error={fieldError(error, field)}>
      <input id={`new-${field}`} name={field} type="text" aria-invalid={fieldError(error, field) ? 'true' : undefined} aria-describedby={describedBy(error, `new-${field}`, field)} />
    </Field>
  );
  return (
    <form class="card form-grid" noValidate onSubmit={submit} aria-labelledby="create-user-title">
      <h3 id="create-user-title">Create a user</h3>
      <Field id="new-vendor" label="Vendor" error={fieldError(error, 'vendor')}>
        <select id="new-vendor" name="vendor">
          <VendorOptions />
        </select>
      </Field>
      <Field id="new-email" label="E-mail address" error={fieldError(error, 'email')}>
        <input id="new-email" name="email" type="email" autoComplete="off" aria-invalid={fieldError(error, 'email') ? 'true' : undefined} aria-describedby={describedBy(error, 'new-email', 'email')} />
      </Field>
      {input('username', 'Username (optional)')}
      {input('name', 'Name (optional)')}
      <Field id="new-password" label="Password (not needed for pending)" error={fieldError(error, 'password')}>
        <input id="new-password" name="password" type="password" autoComplete="new-password" aria-invalid={fieldError(error, 'password') ? 'true' : undefined} aria-describedby={describedBy(error, 'new-password', 'password')} />
      </Field>
      <Field id="new-status" label="Status" error={fieldError(error, 'status')}>
        <select id="new-status" name="status">
          {STATUSES.map((s) => (
            <option key={s} selected={s === 'active'}>
              {s}
            </option>
          ))}
        </select>
      </Field>
      <div class="field checkbox">
        <input id="new-mfa" name="mfa" type="checkbox" value="1" />
        <label for="new-mfa">Multi-factor (TOTP)</label>
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Create user
        </button>
      </div>
      <ErrorBox error={error} />
    </form>
  );
}

function PasswordForm({ api, user, done }: { api: AdminApi; user: User; done: (message: string) => void }) {
  const [error, setError] = useState<unknown>(null);
  const id = `pw-${user.id}`;
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const password = String(new FormData(e.currentTarget as HTMLFormElement).get('password') ?? '');
    try {
      await api.request('patch', '/users/{id}', { params: { id: user.id }, body: { password } });
      done(`Password of ${user.email} set`);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form class="inline-form" noValidate onSubmit={submit}>
      <Field id={id} label={`New password for ${user.email}`} error={fieldError(error, 'password')}>
        <input id={id} name="password" type="password" autoComplete="new-password" aria-describedby={describedBy(error, id, 'password')} />
      </Field>
      <button type="submit">Set password</button>
      {fieldError(error, 'password') ? null : <ErrorBox error={error} />}
    </form>
  );
}

function UserRow({ api, hub, route, user, mail, changed, notify }: { api: AdminApi; hub: EventHub; route: Route; user: User; mail: Message | undefined; changed: (u: User | null, id: number) => void; notify: (m: string) => void }) {
  const [error, setError] = useState<unknown>(null);
  const [settingPassword, setSettingPassword] = useState(false);
  const setStatus = async (chosen: string): Promise<void> => {
    // The select offers only the spec's statuses; finding it again gives it its type.
    const status = STATUSES.find((s) => s === chosen);
    if (!status) return;
    try {
      changed(await api.request('patch', '/users/{id}', { params: { id: user.id }, body: { status } }), user.id);
      setError(null);
      notify(`${user.email} is now ${status}`);
    } catch (err) {
      setError(err);
    }
  };
  const remove = async (): Promise<void> => {
    if (!confirm(`Delete the ${vendorName(user.vendor)} user ${user.email}?`)) return;
    try {
      await api.request('delete', '/users/{id}', { params: { id: user.id } });
      changed(null, user.id);
      notify(`${user.email} deleted`);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <tr data-user={user.email}>
        <td>
          <span class="strong">{user.email}</span>
          {user.username && user.username !== user.email ? <span class="muted"> ({user.username})</span> : null}
        </td>
        <td>
          <VendorBadge id={user.vendor} />
        </td>
        <td>
          <select aria-label={`Status of ${user.email}`} value={user.status} onChange={(e) => void setStatus(e.currentTarget.value)}>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </td>
        <td>{user.mfa ? 'yes' : 'no'}</td>
        <td>{user.status === 'pending' ? <PendingCode message={mail} route={route} /> : user.mfa ? <TotpCode api={api} hub={hub} user={user} /> : <span class="muted">none</span>}</td>
        <td>
          <Time iso={user.createdAt} />
        </td>
        <td class="row-actions">
          <button type="button" aria-expanded={settingPassword} onClick={() => setSettingPassword(!settingPassword)}>
            Password…
          </button>
          <button type="button" class="danger" onClick={remove} aria-label={`Delete ${user.email}`}>
            Delete
          </button>
        </td>
      </tr>
      {settingPassword || error ? (
        <tr class="row-extra">
          <td colSpan={7}>
            {settingPassword ? (
              <PasswordForm
                api={api}
                user={user}
                done={(m) => {
                  setSettingPassword(false);
                  notify(m);
                }}
              />
            ) : null}
            <ErrorBox error={error} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

export function UsersView({ api, hub, route }: { api: AdminApi; hub: EventHub; route: Route }) {
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [vendor, setVendor] = useState<Schemas['Vendor'] | ''>('');
  const [search, setSearch] = useState(route.params.q ?? '');
  const [shown, setShown] = useState(SHOWN);
  const mail = useNewestMail(api, hub);
  const [notice, setNotice] = useState('');

  const load = async (): Promise<void> => {
    try {
      setUsers((await api.request('get', '/users', { query: { vendor: vendor || undefined } })).users);
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  const upsert = (u: User | null, id: number): void =>
    setUsers((list) => {
      const rest = (list ?? []).filter((x) => x.id !== id);
      if (!u) return rest;
      const i = (list ?? []).findIndex((x) => x.id === id);
      return i < 0 ? [...rest, u] : (list ?? []).map((x) => (x.id === id ? u : x));
    });

  useEffect(() => {
    void load();
    const offUsers = batchEvents(hub, ['user'], (batch) =>
      setUsers((list) => {
        // One pass per batch: a bulk seed announces every user it creates.
        const byId = new Map((list ?? []).map((u) => [u.id, u]));
        for (const e of batch) {
          const { action, user } = e.data;
          if (vendor && user.vendor !== vendor) continue;
          if (action === 'deleted') byId.delete(user.id);
          else byId.set(user.id, user);
        }
        return [...byId.values()];
      }),
    );
    const offReload = onReload(hub, load);
    return () => (offUsers(), offReload());
  }, [api, hub, vendor]);

  const matching = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (users ?? []).filter((u) => !needle || u.email.toLowerCase().includes(needle) || (u.username ?? '').toLowerCase().includes(needle) || u.name.toLowerCase().includes(needle));
  }, [users, search]);

  return (
    <section aria-labelledby="users-title">
      <div class="view-head">
        <h2 id="users-title">Users</h2>
      </div>
      <CreateUserForm
        api={api}
        created={(u) => {
          upsert(u, u.id);
          setNotice(`Created ${vendorName(u.vendor)} user ${u.email}${u.mfaSecret ? `; its TOTP secret (shown once) is ${u.mfaSecret}` : ''}`);
        }}
      />
      <p class="notice" role="status">
        {notice}
      </p>
      <form class="filters" role="search" aria-label="Filter users" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect label="Vendor" value={vendor} options={VENDORS} name={vendorName} onChange={setVendor} />
        <label>
          Search
          <input
            type="search"
            value={search}
            maxLength={200}
            onInput={(e) => {
              setSearch(e.currentTarget.value);
              setShown(SHOWN);
            }}
            onChange={(e) => go(routeHash(route, { params: { q: e.currentTarget.value.trim() } }), true)}
            placeholder="address, username or name"
          />
        </label>
      </form>
      <ErrorBox error={error} />
      {users === null && !error ? <p>Loading…</p> : null}
      {users !== null && matching.length === 0 ? <Empty>No user matches.</Empty> : null}
      {matching.length ? (
        <div class="table-wrap">
          <table>
            <caption class="muted">{matching.length > shown ? `The first ${shown} of ${matching.length} users; search to narrow them down, or show more` : `${matching.length} user${matching.length === 1 ? '' : 's'}`}</caption>
            <thead>
              <tr>
                <th scope="col">E-mail (username)</th>
                <th scope="col">Vendor</th>
                <th scope="col">Status</th>
                <th scope="col">MFA</th>
                <th scope="col">Code</th>
                <th scope="col">Created</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {matching.slice(0, shown).map((u) => (
                <UserRow key={u.id} api={api} hub={hub} route={route} user={u} mail={newestMailOf(mail, u)} changed={upsert} notify={setNotice} />
              ))}
            </tbody>
          </table>
          {matching.length > shown ? (
            <p class="button-row">
              <button type="button" onClick={() => setShown((n) => n + SHOWN)}>
                Show {Math.min(SHOWN, matching.length - shown)} more
              </button>
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
