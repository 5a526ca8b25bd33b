import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AdminApi, Schemas } from '../api.js';
import { batchEvents, prependNew, onReload, type EventHub } from '../events.js';
import { Empty, ErrorBox, Time, VendorBadge } from '../ui.js';

type JournalEntry = Schemas['JournalEntry'];
type Exchange = JournalEntry['request'];

const KEEP = 500;
const isAdmin = (path: string): boolean => /^(\/__tenants\/[^/]+)?\/__admin(\/|$)/.test(path);
const pretty = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v, null, 2));

function ExchangeBlock({ title, x }: { title: string; x?: Exchange }) {
  return (
    <div class="exchange">
      <h4>{title}</h4>
      {x?.headers ? <pre>{pretty(x.headers)}</pre> : <p class="muted">No headers recorded.</p>}
      {x?.body !== undefined ? <pre>{pretty(x.body)}</pre> : <p class="muted">No body.</p>}
    </div>
  );
}

function EntryRow({ e }: { e: JournalEntry }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <tr class={e.status >= 400 ? 'failed' : ''}>
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

export function RequestsView({ api, hub }: { api: AdminApi; hub: EventHub }) {
  const [entries, setEntries] = useState<JournalEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [showAdmin, setShowAdmin] = useState(false);

  const load = async (): Promise<void> => {
    try {
      setEntries((await api.request('get', '/requests', { query: { limit: 200 } })).requests);
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    void load();
    const offRequests = batchEvents(hub, ['request'], (batch) => setEntries((list) => prependNew(list, batch.map((e) => e.data), KEEP)));
    const offReload = onReload(hub, load);
    return () => (offRequests(), offReload());
  }, [api, hub]);

  const shown = useMemo(() => (entries ?? []).filter((e) => showAdmin || !isAdmin(e.path)), [entries, showAdmin]);
  return (
    <section aria-labelledby="requests-title">
      <div class="view-head">
        <h2 id="requests-title">Requests</h2>
        <label class="checkbox">
          <input type="checkbox" checked={showAdmin} onChange={(e) => setShowAdmin(e.currentTarget.checked)} /> Show admin API calls
        </label>
      </div>
      <p class="muted">Newest first. Secrets in headers and bodies are redacted, as in the journal.</p>
      <ErrorBox error={error} />
      {entries !== null && shown.length === 0 ? <Empty>No requests yet.</Empty> : null}
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
                <EntryRow key={e.id} e={e} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
