import { useEffect, useState } from 'preact/hooks';
import type { AdminApi, Schemas } from '../api.js';
import { batchEvents, onReload, type EventHub } from '../events.js';
import { routeHash, type Route } from '../route.js';
import { CopyCode } from './mail-parts.js';

export type Message = Schemas['Message'];
type User = Schemas['User'];

/** The newest messages the users view links pending users to. */
const MAIL_LOOKED_AT = 1000;

const mailKey = (vendor: string, to: string): string => `${vendor}\n${to.toLowerCase()}`;

/**
 * The newest captured mail per vendor and address. The mock keeps codes only
 * as digests, so a pending user's outstanding code is the one in the newest
 * mail sent to it, as the user would find it in their inbox.
 */
export function useNewestMail(api: AdminApi, hub: EventHub): ReadonlyMap<string, Message> {
  const [byAddress, setByAddress] = useState<ReadonlyMap<string, Message>>(new Map());
  const load = async (): Promise<void> => {
    try {
      const { messages } = await api.request('get', '/mailbox', { query: { limit: MAIL_LOOKED_AT } });
      const map = new Map<string, Message>();
      // Newest first from the API; kept oldest first, as live mail is added at the end.
      for (const m of [...messages].reverse()) {
        map.delete(mailKey(m.vendor, m.to));
        map.set(mailKey(m.vendor, m.to), m);
      }
      setByAddress(map);
    } catch {
      // The users view works without codes; the mailbox view shows the mailbox's own errors.
    }
  };
  useEffect(() => {
    void load();
    const offMail = batchEvents(hub, ['mail'], (batch) =>
      setByAddress((old) => {
        const map = new Map(old);
        for (const { data } of batch) {
          // Re-inserted, so the map's order stays oldest first and a load test's flood drops the oldest addresses.
          map.delete(mailKey(data.vendor, data.to));
          map.set(mailKey(data.vendor, data.to), data);
        }
        for (const key of map.keys()) {
          if (map.size <= MAIL_LOOKED_AT) break;
          map.delete(key);
        }
        return map;
      }),
    );
    const offReload = onReload(hub, load);
    return () => (offMail(), offReload());
  }, [api, hub]);
  return byAddress;
}

export const newestMailOf = (mail: ReadonlyMap<string, Message>, user: User): Message | undefined => mail.get(mailKey(user.vendor, user.email));

export function PendingCode({ message, route }: { message: Message | undefined; route: Route }) {
  if (!message) return <span class="muted">no mail in the last {MAIL_LOOKED_AT}</span>;
  return (
    <div class="user-code">
      <CopyCode code={message.code} />
      <a href={routeHash(route, { view: 'mailbox', item: String(message.id) })}>
        {message.kind} mail #{message.id}
      </a>
    </div>
  );
}

/**
 * The code an authenticator app shows now, by the mock's clock: fetched
 * again when it stops being current and whenever the clock is moved.
 */
export function TotpCode({ api, hub, user }: { api: AdminApi; hub: EventHub; user: User }) {
  const [totp, setTotp] = useState<Schemas['TotpCode'] | null>(null);
  const [failed, setFailed] = useState(false);
  const [version, setVersion] = useState(0);
  const [, tick] = useState(0);
  const [skew, setSkew] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    void (async () => {
      try {
        const t = await api.request('get', '/users/{id}/totp', { params: { id: user.id } });
        if (!live) return;
        setTotp(t);
        setSkew(Date.parse(t.now) - Date.now());
        setFailed(false);
        timer = setTimeout(() => setVersion((n) => n + 1), Math.max(250, Date.parse(t.validUntil) - Date.parse(t.now) + 50));
      } catch {
        if (live) setFailed(true);
      }
    })();
    const offClock = hub.on((event) => {
      if (event.type === 'clock' || event.type === 'reset') setVersion((n) => n + 1);
    });
    const ticker = setInterval(() => tick((n) => n + 1), 1000);
    return () => ((live = false), clearTimeout(timer), clearInterval(ticker), offClock());
  }, [api, hub, user.id, version]);
  if (failed) return <span class="muted">no TOTP code</span>;
  if (!totp) return <span class="muted">…</span>;
  const left = Math.max(0, Math.ceil((Date.parse(totp.validUntil) - (Date.now() + skew)) / 1000));
  return (
    <div class="user-code" data-testid="totp">
      <CopyCode code={totp.code} label="TOTP code" />
      <span class="muted">{left} s left</span>
    </div>
  );
}
