import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AdminApi, Schemas } from '../api.js';
import { batchEvents, prependNew, onReload, type EventHub } from '../events.js';
import { fillTemplate, linkify } from '../format.js';
import { Empty, ErrorBox, FilterSelect, MAIL_KINDS, Time, VendorBadge, vendorName, VENDORS } from '../ui.js';

type Message = Schemas['Message'];
type AppLinks = Schemas['AppLinks'];
const KEEP = 500;

function MailText({ text }: { text: string }) {
  return (
    <pre class="mail-text">
      {linkify(text).map((part, i) =>
        'href' in part ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer">
            {part.href}
          </a>
        ) : (
          part.text
        ),
      )}
    </pre>
  );
}

function CopyCode({ code }: { code: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(code);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <div class="code-row">
      <code class="code" data-testid="code">
        {code}
      </code>
      <button type="button" class="primary" onClick={copy} aria-label={`Copy code ${code}`}>
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      <span class="sr-status" role="status">
        {state === 'copied' ? 'Code copied to the clipboard' : state === 'failed' ? 'Copying failed: select the code and copy it' : ''}
      </span>
    </div>
  );
}

function MessageCard({ m, links }: { m: Message; links: AppLinks }) {
  const template = links[m.vendor]?.[m.kind];
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
      <h3 id={`msg-${m.id}`}>{m.subject}</h3>
      <CopyCode code={m.code} />
      {template ? (
        <p>
          <a class="app-link" href={fillTemplate(template, { code: m.code, email: m.to, vendor: m.vendor, kind: m.kind })} target="_blank" rel="noopener noreferrer">
            Open in my app
          </a>
        </p>
      ) : null}
      <MailText text={m.text} />
    </article>
  );
}

export function MailboxView({ api, hub }: { api: AdminApi; hub: EventHub }) {
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [links, setLinks] = useState<AppLinks>({});
  const [error, setError] = useState<unknown>(null);
  const [vendor, setVendor] = useState<Schemas['Vendor'] | ''>('');
  const [kind, setKind] = useState<Schemas['MailKind'] | ''>('');
  const [address, setAddress] = useState('');

  const load = async (): Promise<void> => {
    try {
      const [box, appLinks] = await Promise.all([api.request('get', '/mailbox'), api.optional('get', '/app-links')]);
      setMessages(box.messages);
      setLinks(appLinks?.appLinks ?? {});
      setError(null);
    } catch (err) {
      setError(err);
    }
  };

  useEffect(() => {
    void load();
    const offMail = batchEvents(hub, ['mail'], (batch) => setMessages((list) => prependNew(list, batch.map((e) => e.data), KEEP)));
    const offReload = onReload(hub, load);
    return () => (offMail(), offReload());
  }, [api, hub]);

  const clear = async (): Promise<void> => {
    if (!confirm('Empty the mailbox? Codes in it stay valid.')) return;
    try {
      await api.request('delete', '/mailbox');
      setMessages([]);
    } catch (err) {
      setError(err);
    }
  };

  const shown = useMemo(() => {
    const needle = address.trim().toLowerCase();
    return (messages ?? []).filter((m) => (!vendor || m.vendor === vendor) && (!kind || m.kind === kind) && (!needle || m.to.toLowerCase().includes(needle)));
  }, [messages, vendor, kind, address]);

  return (
    <section aria-labelledby="mailbox-title">
      <div class="view-head">
        <h2 id="mailbox-title">Mailbox</h2>
        <button type="button" onClick={clear}>
          Empty mailbox
        </button>
      </div>
      <form class="filters" role="search" aria-label="Filter messages" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect label="Vendor" value={vendor} options={VENDORS} name={vendorName} onChange={setVendor} />
        <FilterSelect label="Kind" value={kind} options={MAIL_KINDS} onChange={setKind} />
        <label>
          Address
          <input type="search" value={address} onInput={(e) => setAddress(e.currentTarget.value)} placeholder="part of an address" />
        </label>
      </form>
      <ErrorBox error={error} />
      {messages === null && !error ? <p>Loading…</p> : null}
      {messages !== null && shown.length === 0 ? (
        <Empty>{messages.length ? 'No message matches the filters.' : 'No mail yet. Messages appear here as soon as the mock sends them.'}</Empty>
      ) : null}
      <div class="messages" aria-live="polite">
        {shown.map((m) => (
          <MessageCard key={m.id} m={m} links={links} />
        ))}
      </div>
    </section>
  );
}
