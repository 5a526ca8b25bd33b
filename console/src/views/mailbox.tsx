import { useEffect, useState } from 'preact/hooks';
import type { AdminApi, Schemas } from '../api.js';
import { batchEvents, prependNew, onReload, type EventHub } from '../events.js';
import { go, routeHash, type Route } from '../route.js';
import { Empty, ErrorBox, FilterSelect, MAIL_KINDS, Time, VendorBadge, vendorName, VENDORS } from '../ui.js';
import { AppLink, CopyCode, MailText } from './mail-parts.js';
import { MessageView } from './message.js';

type Message = Schemas['Message'];
type AppLinks = Schemas['AppLinks'];
/** Messages a page of the mailbox asks for; "Load more" asks for the next. */
const PAGE = 100;
/** The most the view holds, live mail and loaded pages together. */
const KEEP = 2000;
const SEARCH_MAX = 200;

const pick = <T extends string>(options: readonly T[], value: string | undefined): T | '' => options.find((o) => o === value) ?? '';

/** Whether a message that just arrived belongs in the list as the filters have it (the API's rule for `q`). */
const matches = (m: Message, vendor: string, kind: string, q: string): boolean => {
  const needle = q.toLowerCase();
  return (!vendor || m.vendor === vendor) && (!kind || m.kind === kind) && (!needle || [m.to, m.subject, m.text].some((s) => s.toLowerCase().includes(needle)));
};

function MessageCard({ m, links, route, remove }: { m: Message; links: AppLinks; route: Route; remove: (m: Message) => void }) {
  return (
    <article class="card message" aria-labelledby={`msg-${m.id}`}>
      <header class="message-head">
        <VendorBadge id={m.vendor} />
        <span class="badge">{m.kind}</span>
        <span class="to">to {m.to}</span>
        <span class="when">
          mock time <Time iso={m.createdAt} />
        </span>
      </header>
      <h3 id={`msg-${m.id}`}>
        <a href={routeHash(route, { item: String(m.id), params: {} })}>{m.subject}</a>
      </h3>
      <CopyCode code={m.code} />
      <AppLink m={m} links={links} />
      <MailText text={m.text} />
      <p class="button-row">
        <button type="button" class="danger" aria-label={`Delete message ${m.id} to ${m.to}`} onClick={() => remove(m)}>
          Delete
        </button>
      </p>
    </article>
  );
}

export function MailboxView({ api, hub, route }: { api: AdminApi; hub: EventHub; route: Route }) {
  const id = route.item !== null && /^[1-9][0-9]{0,15}$/.test(route.item) ? Number(route.item) : null;
  if (route.item !== null) return <MessageView api={api} id={id} route={route} />;
  return <MailboxList api={api} hub={hub} route={route} />;
}

function MailboxList({ api, hub, route }: { api: AdminApi; hub: EventHub; route: Route }) {
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [links, setLinks] = useState<AppLinks>({});
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const vendor = pick(VENDORS, route.params.vendor);
  const kind = pick(MAIL_KINDS, route.params.kind);
  const q = (route.params.q ?? '').slice(0, SEARCH_MAX);
  const [typed, setTyped] = useState(q);
  const query = { vendor: vendor || undefined, kind: kind || undefined, q: q || undefined, limit: PAGE };

  const load = async (): Promise<void> => {
    try {
      const [box, appLinks] = await Promise.all([api.request('get', '/mailbox', { query }), api.optional('get', '/app-links')]);
      setMessages(box.messages);
      setNext(box.next);
      setLinks(appLinks?.appLinks ?? {});
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  const more = async (): Promise<void> => {
    if (next === null) return;
    try {
      const page = await api.request('get', '/mailbox', { query: { ...query, cursor: next } });
      setMessages((list) => [...(list ?? []), ...page.messages].slice(0, KEEP));
      setNext(page.next);
    } catch (err) {
      setError(err);
    }
  };

  useEffect(() => {
    void load();
    const offMail = batchEvents(hub, ['mail'], (batch) =>
      setMessages((list) =>
        prependNew(
          list,
          batch.map((e) => e.data).filter((m) => matches(m, vendor, kind, q)),
          KEEP,
        ),
      ),
    );
    const offReload = onReload(hub, load);
    return () => (offMail(), offReload());
  }, [api, hub, vendor, kind, q]);

  // Typing searches after a pause; the URL keeps the search, so the link can be shared.
  useEffect(() => {
    if (typed.trim() === q) return;
    const t = setTimeout(() => go(routeHash(route, { params: { q: typed.trim() } }), true), 300);
    return () => clearTimeout(t);
  }, [typed]);

  const clear = async (): Promise<void> => {
    if (!confirm('Empty the mailbox? Codes in it stay valid.')) return;
    try {
      await api.request('delete', '/mailbox');
      setMessages([]);
      setNext(null);
    } catch (err) {
      setError(err);
    }
  };
  const remove = async (m: Message): Promise<void> => {
    try {
      await api.request('delete', '/mailbox/{id}', { params: { id: m.id } });
      setMessages((list) => (list ?? []).filter((x) => x.id !== m.id));
      setNotice(`Message ${m.id} to ${m.to} deleted`);
    } catch (err) {
      setError(err);
    }
  };

  const filtered = Boolean(vendor || kind || q);
  return (
    <section aria-labelledby="mailbox-title">
      <div class="view-head">
        <h2 id="mailbox-title">Mailbox</h2>
        <button type="button" onClick={clear}>
          Empty mailbox
        </button>
      </div>
      <form class="filters" role="search" aria-label="Filter messages" onSubmit={(e) => (e.preventDefault(), go(routeHash(route, { params: { q: typed.trim() } }), true))}>
        <FilterSelect label="Vendor" value={vendor} options={VENDORS} name={vendorName} onChange={(v) => go(routeHash(route, { params: { vendor: v } }))} />
        <FilterSelect label="Kind" value={kind} options={MAIL_KINDS} onChange={(k) => go(routeHash(route, { params: { kind: k } }))} />
        <label>
          Search
          <input type="search" name="q" maxLength={SEARCH_MAX} value={typed} onInput={(e) => setTyped(e.currentTarget.value)} placeholder="address, subject or text" />
        </label>
      </form>
      <p class="notice" role="status">
        {notice}
      </p>
      <ErrorBox error={error} />
      {messages === null && !error ? <p>Loading…</p> : null}
      {messages !== null && messages.length === 0 ? <Empty>{filtered ? 'No message matches the filters.' : 'No mail yet. Messages appear here as soon as the mock sends them.'}</Empty> : null}
      <div class="messages" aria-live="polite">
        {(messages ?? []).map((m) => (
          <MessageCard key={m.id} m={m} links={links} route={route} remove={(x) => void remove(x)} />
        ))}
      </div>
      {next !== null && (messages?.length ?? 0) < KEEP ? (
        <p class="button-row">
          <button type="button" onClick={() => void more()}>
            Load more
          </button>
        </p>
      ) : null}
    </section>
  );
}
