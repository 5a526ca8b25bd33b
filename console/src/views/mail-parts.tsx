import { useState } from 'preact/hooks';
import type { Schemas } from '../api.js';
import { fillTemplate, linkify } from '../format.js';

type Message = Schemas['Message'];
type AppLinks = Schemas['AppLinks'];

export function MailText({ text }: { text: string }) {
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

/** A code (or any secret to paste elsewhere) with a button that copies it. */
export function CopyCode({ code, label = 'code', long = false }: { code: string; label?: string; long?: boolean }) {
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
      <code class={long ? 'code long' : 'code'} data-testid="code">
        {code}
      </code>
      <button type="button" class="primary" onClick={copy} aria-label={`Copy ${label} ${code}`}>
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      <span class="sr-status" role="status">
        {state === 'copied' ? `${label[0].toUpperCase()}${label.slice(1)} copied to the clipboard` : state === 'failed' ? `Copying failed: select the ${label} and copy it` : ''}
      </span>
    </div>
  );
}

/** The "open in my app" link of a message, when the `appLinks` setting has a template for its vendor and kind. */
export function AppLink({ m, links }: { m: Message; links: AppLinks }) {
  const template = links[m.vendor]?.[m.kind];
  if (!template) return null;
  return (
    <p>
      <a class="app-link" href={fillTemplate(template, { code: m.code, email: m.to, vendor: m.vendor, kind: m.kind })} target="_blank" rel="noopener noreferrer">
        Open in my app
      </a>
    </p>
  );
}
