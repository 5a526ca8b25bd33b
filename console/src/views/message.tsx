import { useEffect, useState } from 'preact/hooks';
import type { AdminApi, Schemas } from '../api.js';
import { go, routeHash, type Route } from '../route.js';
import { ErrorBox, Time, VendorBadge } from '../ui.js';
import { AppLink, CopyCode, MailText } from './mail-parts.js';

type MessageDetail = Schemas['MessageDetail'];

/** `#/mailbox/ID`: one message, its headers, text and source; `id` is null when the hash names no message id. */
export function MessageView({ api, id, route }: { api: AdminApi; id: number | null; route: Route }) {
  const [message, setMessage] = useState<MessageDetail | null>(null);
  const [links, setLinks] = useState<Schemas['AppLinks']>({});
  const [error, setError] = useState<unknown>(null);
  const back = routeHash(route, { item: null });

  useEffect(() => {
    if (id === null) return;
    void (async () => {
      try {
        const [m, appLinks] = await Promise.all([api.request('get', '/mailbox/{id}', { params: { id } }), api.optional('get', '/app-links')]);
        setMessage(m);
        setLinks(appLinks?.appLinks ?? {});
        setError(null);
      } catch (err) {
        setError(err);
      }
    })();
  }, [api, id]);

  const remove = async (): Promise<void> => {
    if (id === null || !confirm(`Delete message ${id}? Its code stays valid.`)) return;
    try {
      await api.request('delete', '/mailbox/{id}', { params: { id } });
      go(back);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section aria-labelledby="message-title">
      <div class="view-head">
        <h2 id="message-title">{message ? message.subject : `Message ${route.item ?? ''}`}</h2>
        <a href={back}>Back to the mailbox</a>
      </div>
      {id === null ? <p class="error">Not a message id: {route.item}</p> : null}
      <ErrorBox error={error} />
      {message ? (
        <article class="card message" aria-labelledby="message-title">
          <header class="message-head">
            <VendorBadge id={message.vendor} />
            <span class="badge">{message.kind}</span>
            <span class="when">
              mock time <Time iso={message.createdAt} />
            </span>
          </header>
          <table class="headers">
            <caption class="sr-only">Headers</caption>
            <tbody>
              {Object.entries(message.headers).map(([name, value]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <CopyCode code={message.code} />
          <AppLink m={message} links={links} />
          <h3>Text</h3>
          <MailText text={message.text} />
          <details>
            <summary>Source</summary>
            <pre class="mail-text" data-testid="raw">
              {message.raw}
            </pre>
          </details>
          <p class="button-row">
            <button type="button" class="danger" onClick={() => void remove()}>
              Delete message
            </button>
          </p>
        </article>
      ) : null}
    </section>
  );
}
