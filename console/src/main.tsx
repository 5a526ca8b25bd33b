import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { AdminApi, tokenStore } from './api.js';
import { EventHub, onReload } from './events.js';
import { TENANT_NAME } from './generated/facts.js';
import { LiveConnection, type LiveState } from './live.js';
import { parseRoute, routeHash, type Route, type View } from './route.js';
import { ErrorBox } from './ui.js';
import { ClockView } from './views/clock.js';
import { FaultsView } from './views/faults.js';
import { MailboxView } from './views/mailbox.js';
import { RequestsView } from './views/requests.js';
import { TenantsView } from './views/tenants.js';
import { UsersView } from './views/users.js';

const LABELS: Record<View, string> = { mailbox: 'Mailbox', users: 'Users', requests: 'Requests', clock: 'Clock', faults: 'Faults', tenants: 'Tenants' };

interface Features {
  faults: boolean;
  /** Tenant names, or null when the mock has no tenants. */
  tenants: string[] | null;
}

function TokenPrompt({ refused, submit }: { refused: boolean; submit: (token: string) => void }) {
  return (
    <form
      class="card token"
      aria-labelledby="token-title"
      onSubmit={(e) => {
        e.preventDefault();
        const token = String(new FormData(e.currentTarget).get('token') ?? '').trim();
        if (token) submit(token);
      }}
    >
      <h2 id="token-title">Admin token</h2>
      <p>This mock was started with <code>--admin-token</code>. The token is kept for this tab only.</p>
      {refused ? (
        <p class="error" role="alert">
          The mock refused the token. Try again.
        </p>
      ) : null}
      <label for="token-input">Token</label>
      <input id="token-input" name="token" type="password" autoComplete="off" autoFocus />
      <button type="submit" class="primary">
        Continue
      </button>
    </form>
  );
}

/**
 * Why a name is not a tenant's by the admin spec's TenantName pattern, or '' when it is. The pattern is
 * tested as a RegExp, not put in a `pattern` attribute: browsers compile those with the v flag, under
 * which the spec's unescaped `-` in a character class is a syntax error and the check silently goes.
 */
const tenantNameProblem = (name: string): string => (name === '' || TENANT_NAME.test(name) ? '' : `Not a tenant name: it must match ${TENANT_NAME.source}`);

function TenantPicker({ route, tenants }: { route: Route; tenants: string[] }) {
  const go = (tenant: string | null): void => void (location.hash = routeHash(route, { tenant, item: null, params: {} }));
  const names = [...new Set([...tenants.filter((t) => t !== 'default'), ...(route.tenant ? [route.tenant] : [])])].sort();
  return (
    <form
      class="tenant"
      onSubmit={(e) => {
        e.preventDefault();
        const name = String(new FormData(e.currentTarget).get('new-tenant') ?? '').trim();
        if (name) go(name);
      }}
    >
      <label for="tenant-select">Tenant</label>
      <select id="tenant-select" value={route.tenant ?? ''} onChange={(e) => go(e.currentTarget.value || null)}>
        <option value="">default</option>
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      <input name="new-tenant" aria-label="Open another tenant by name" placeholder="other tenant" size={12} onInput={(e) => e.currentTarget.setCustomValidity(tenantNameProblem(e.currentTarget.value))} />
      <button type="submit">Open</button>
    </form>
  );
}

function App() {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash, location.pathname));
  const [live, setLive] = useState<LiveState>({ connected: true, streaming: true });
  const [needToken, setNeedToken] = useState(false);
  const [tokenRefused, setTokenRefused] = useState(false);
  const [session, setSession] = useState(0);
  const [features, setFeatures] = useState<Features>({ faults: false, tenants: null });
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>(null);
  const hub = useMemo(() => new EventHub(), []);

  useEffect(() => {
    const onHash = (): void => setRoute(parseRoute(location.hash, location.pathname));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  const askToken = (): void => {
    setTokenRefused(tokenStore.get() !== null);
    setNeedToken(true);
  };
  const api = useMemo(() => new AdminApi(route.tenant, { unauthorized: askToken, unreachable: () => setLive((s) => ({ ...s, connected: false })) }), [route.tenant, session]);

  useEffect(() => {
    if (needToken) return;
    const connection = new LiveConnection(api, hub, (s) => setLive((prev) => ({ ...prev, ...s })), askToken);
    connection.start();
    return () => connection.stop();
  }, [api, needToken]);

  useEffect(() => {
    if (needToken) return;
    const probe = async (): Promise<void> => {
      try {
        const [faults, tenants] = await Promise.all([api.optional('get', '/faults'), api.optional('get', '/tenants', { root: true })]);
        setFeatures({ faults: faults !== null, tenants: tenants ? tenants.tenants.map((t) => t.name) : null });
      } catch {
        // The views show the admin API's errors; the probe only decides which tabs exist.
      }
    };
    void probe();
    // A tenant created or dropped anywhere (a test run, the tenants view) shows in the picker at once.
    const offTenants = hub.on((event) => {
      if (event.type === 'tenant') void probe();
    });
    const offReload = onReload(hub, probe);
    return () => (offTenants(), offReload());
  }, [api, needToken]);

  useEffect(() => {
    document.title = `${LABELS[route.view]} · authmock console${route.tenant ? ` · ${route.tenant}` : ''}`;
  }, [route.view, route.tenant]);

  const resetAll = async (): Promise<void> => {
    if (!confirm(`Reset ${route.tenant ? `tenant ${route.tenant}` : 'the mock'} to the fixtures? Users, mail, journal, fault rules and the clock go back to the start.`)) return;
    try {
      await api.request('post', '/reset');
      setError(null);
      setNotice(`Reset to the fixtures at ${new Date().toLocaleTimeString()}`);
      if (!live.streaming) hub.emit({ type: 'reset', data: {} });
    } catch (err) {
      setError(err);
    }
  };

  const views: View[] = ['mailbox', 'users', 'requests', 'clock', ...(features.faults ? (['faults'] as View[]) : []), ...(features.tenants ? (['tenants'] as View[]) : [])];
  const props = { api, hub, route };
  const body =
    route.view === 'mailbox' ? (
      <MailboxView {...props} />
    ) : route.view === 'users' ? (
      <UsersView {...props} />
    ) : route.view === 'requests' ? (
      <RequestsView {...props} />
    ) : route.view === 'clock' ? (
      <ClockView {...props} resetAll={() => void resetAll()} />
    ) : route.view === 'tenants' ? (
      features.tenants ? <TenantsView {...props} /> : <p class="empty">This mock has no tenants.</p>
    ) : features.faults ? (
      <FaultsView {...props} />
    ) : (
      <p class="empty">This mock does not serve fault rules.</p>
    );

  return (
    <>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <header class="top">
        <h1>
          authmock <span class="muted">console</span>
        </h1>
        <nav aria-label="Views">
          {views.map((v) => (
            <a key={v} href={routeHash(route, { view: v })} aria-current={route.view === v ? 'page' : undefined}>
              {LABELS[v]}
            </a>
          ))}
        </nav>
        <div class="top-actions">
          {features.tenants ? <TenantPicker route={route} tenants={features.tenants} /> : null}
          <button type="button" class="danger" onClick={() => void resetAll()}>
            Reset…
          </button>
        </div>
      </header>
      {!live.connected ? (
        <div class="banner" role="alert" data-testid="connection-lost">
          Connection to the mock lost. Reconnecting…
        </div>
      ) : null}
      {live.connected && !live.streaming ? <div class="banner info">This mock serves no events stream: changes show after a reload.</div> : null}
      <main id="main" tabIndex={-1}>
        <p class="notice" role="status">
          {notice}
        </p>
        <ErrorBox error={error} />
        {needToken ? (
          <TokenPrompt
            refused={tokenRefused}
            submit={(token) => {
              tokenStore.set(token);
              setNeedToken(false);
              setSession((n) => n + 1);
            }}
          />
        ) : (
          <div key={`${route.tenant ?? ''}|${session}`}>{body}</div>
        )}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
