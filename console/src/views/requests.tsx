import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdminApi, Schemas } from '../api.js';
import { batchEvents, prependNew, onReload, type EventHub } from '../events.js';
import { curlCommand } from '../format.js';
import { go, routeHash, type Route } from '../route.js';
import { Empty, ErrorBox, FilterSelect, Time, VendorBadge, vendorName, VENDORS } from '../ui.js';
import { CopyCode } from './mail-parts.js';

type JournalEntry = Schemas['JournalEntry'];
type Exchange = JournalEntry['request'];

const KEEP = 500;
const PAGE = 200;
const PATH_MAX = 200;
const isAdmin = (path: string): boolean => /^(\/__tenants\/[^/]+)?\/__admin(\/|$)/.test(path);
const pretty = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v, null, 2));

interface Filter {
  status?: number;
  vendor?: (typeof VENDORS)[number];
  path?: string;
}

/** The filter as the URL has it; a value the API would refuse is left out. */
function filterOf(params: Route['params']): Filter {
  const status = Number(params.status);
  const vendor = VENDORS.find((v) => v === params.vendor);
  const path = params.path?.slice(0, PATH_MAX);
  return { ...(Number.isInteger(status) && status >= 100 && status <= 599 ? { status } : {}), ...(vendor ? { vendor } : {}), ...(path ? { path } : {}) };
}

/** The API's rule for a live entry: the same status, vendor and path text. */
const passes = (e: JournalEntry, f: Filter): boolean => (f.status === undefined || e.status === f.status) && (!f.vendor || e.vendor === f.vendor) && (!f.path || e.path.toLowerCase().includes(f.path.toLowerCase()));

function ExchangeBlock({ title, x }: { title: string; x?: Exchange }) {
  return (
    <div class="exchange">
      <h4>{title}</h4>
      {x?.headers ? <pre>{pretty(x.headers)}</pre> : <p class="muted">No headers recorded.</p>}
      {x?.body !== undefined ? <pre>{pretty(x.body)}</pre> : <p class="muted">No body.</p>}
    </div>
  );
}

/** One entry; `#/requests/ID` opens it, and opening or closing it puts that in the URL. */
function EntryRow({ e, route }: { e: JournalEntry; route: Route }) {
  const open = route.item === String(e.id);
  const setOpen = (on: boolean): void => go(routeHash(route, { item: on ? String(e.id) : null }), true);
  return (
    <>
      <tr class={e.status >= 400 ? 'failed' : ''} data-entry={e.id}>
        <td>
          <button type="button" class="link" aria-expanded={open} aria-controls={`req-${e.id}`} onClick={() => setOpen(!open)}>
            {open ? '▾' : '▸'} <span class="sr-only">Details of request </span>#{e.id}
          </button>
        </td>
        <td>
          <Time iso={e.at} />
        </td>
        <td>{e.method}</td>
        <td class="path">{e.path}</td>
        <td>
          {e.operationId ? (
            <>
              {e.vendor ? <VendorBadge id={e.vendor} /> : null} {e.operationId}
            </>
          ) : (
            <span class="muted">none</span>
          )}
        </td>
        <td class="status">{e.status}</td>
        <td class="num">{e.durationMs} ms</td>
        <td>{e.faultId ? <span class="badge fault">{e.faultId}</span> : ''}</td>
      </tr>
      {open ? (
        <tr id={`req-${e.id}`} class="row-extra">
          <td colSpan={8}>
            <h4>As curl (secrets stay redacted)</h4>
            <CopyCode code={curlCommand(location.origin, e)} label="curl command" long />
            <div class="exchanges">
              <ExchangeBlock title="Request" x={e.request} />
              <ExchangeBlock title="Response" x={e.response} />
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}

export function RequestsView({ api, hub, route }: { api: AdminApi; hub: EventHub; route: Route }) {
  const [entries, setEntries] = useState<JournalEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [showAdmin, setShowAdmin] = useState(false);
  const [paused, setPaused] = useState(false);
  const pausedRef = useRef(false);
  pausedRef.current = paused;
  const filter = filterOf(route.params);
  const key = JSON.stringify(filter);
  const [path, setPath] = useState(filter.path ?? '');

  const load = async (): Promise<void> => {
    try {
      setEntries((await api.request('get', '/requests', { query: { limit: PAGE, ...filter } })).requests);
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    void load();
    // Paused, the list stands still: new entries are not shown until it runs again (and reloads).
    const offRequests = batchEvents(hub, ['request'], (batch) => {
      if (pausedRef.current) return;
      setEntries((list) =>
        prependNew(
          list,
          batch.map((e) => e.data).filter((e) => passes(e, filter)),
          KEEP,
        ),
      );
    });
    const offReload = onReload(hub, load);
    return () => (offRequests(), offReload());
  }, [api, hub, key]);

  useEffect(() => {
    if (path.trim() === (filter.path ?? '')) return;
    const t = setTimeout(() => go(routeHash(route, { params: { path: path.trim() } }), true), 300);
    return () => clearTimeout(t);
  }, [path]);

  const togglePause = (): void => {
    setPaused(!paused);
    if (paused) void load();
  };
  const clear = async (): Promise<void> => {
    if (!confirm('Clear the request journal?')) return;
    try {
      await api.request('delete', '/requests');
      await load();
    } catch (err) {
      setError(err);
    }
  };

  const shown = (entries ?? []).filter((e) => showAdmin || !isAdmin(e.path));
  const statusText = filter.status === undefined ? '' : String(filter.status);
  return (
    <section aria-labelledby="requests-title">
      <div class="view-head">
        <h2 id="requests-title">Requests</h2>
        <div class="button-row">
          <button type="button" aria-pressed={paused} onClick={togglePause}>
            {paused ? 'Resume live updates' : 'Pause live updates'}
          </button>
          <button type="button" class="danger" onClick={() => void clear()}>
            Clear journal
          </button>
        </div>
      </div>
      <form class="filters" role="search" aria-label="Filter requests" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <input type="number" min={100} max={599} size={5} value={statusText} onChange={(e) => go(routeHash(route, { params: { status: e.currentTarget.value } }))} />
        </label>
        <FilterSelect label="Vendor" value={filter.vendor ?? ''} options={VENDORS} name={vendorName} onChange={(v) => go(routeHash(route, { params: { vendor: v } }))} />
        <label>
          Path contains
          <input type="search" maxLength={PATH_MAX} value={path} onInput={(e) => setPath(e.currentTarget.value)} placeholder="e.g. login" />
        </label>
        <label class="checkbox">
          <input type="checkbox" checked={showAdmin} onChange={(e) => setShowAdmin(e.currentTarget.checked)} /> Show admin API calls
        </label>
      </form>
      <p class="muted" role="status">
        {paused ? 'Paused: new requests are not shown until you resume.' : 'Newest first, live. Secrets in headers and bodies are redacted, as in the journal.'}
      </p>
      <ErrorBox error={error} />
      {entries !== null && shown.length === 0 ? <Empty>No requests{key === '{}' ? ' yet' : ' match the filters'}.</Empty> : null}
      {shown.length ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Entry</th>
                <th scope="col">Time</th>
                <th scope="col">Method</th>
                <th scope="col">Path</th>
                <th scope="col">Operation</th>
                <th scope="col">Status</th>
                <th scope="col">Duration</th>
                <th scope="col">Fault rule</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <EntryRow key={e.id} e={e} route={route} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
