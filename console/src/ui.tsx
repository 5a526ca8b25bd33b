import type { ComponentChildren } from 'preact';
import { ApiError, describeError } from './api.js';
import { VENDOR_PRESENTATION } from './generated/facts.js';

// The vendors, mail kinds and statuses the admin spec lists, so a new one shows up here by itself.
export { MAIL_KINDS, STATUSES, VENDORS } from './generated/facts.js';

const PRESENTATION = new Map<string, (typeof VENDOR_PRESENTATION)[number]>(VENDOR_PRESENTATION.map((v) => [v.id, v]));

/** A vendor's name as its spec gives it for the console; an id the console does not know stays as it is. */
export const vendorName = (id: string): string => PRESENTATION.get(id)?.label ?? id;

/** A vendor's badge in its spec's colour; without one, the stylesheet's neutral badge colour shows. */
export function VendorBadge({ id }: { id: string }) {
  const color = PRESENTATION.get(id)?.color;
  // Through the `style` prop Preact sets the colour on the element's CSSOM, which the page's style-src allows.
  return (
    <span class="badge vendor" style={color ? { backgroundColor: color } : undefined}>
      {vendorName(id)}
    </span>
  );
}

/** The vendors as `<option>`s: the id as the value, the name as the text. */
export const VendorOptions = () => (
  <>
    {VENDOR_PRESENTATION.map((v) => (
      <option key={v.id} value={v.id}>
        {v.label}
      </option>
    ))}
  </>
);

/** A labelled choice with an "all" option, as the views' filters use it; it answers one of `options` or ''. */
export function FilterSelect<T extends string>({
  label,
  value,
  options,
  name = (option) => option,
  onChange,
}: {
  label: string;
  value: T | '';
  options: readonly T[];
  name?: (option: T) => string;
  onChange: (value: T | '') => void;
}) {
  return (
    <label>
      {label}
      <select
        value={value}
        onChange={(e) => {
          const chosen = e.currentTarget.value;
          onChange(options.find((o) => o === chosen) ?? '');
        }}
      >
        <option value="">all</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {name(o)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Mock-clock times as the reader's local time; the exact instant stays in `dateTime`. */
export function Time({ iso }: { iso: string }) {
  const d = new Date(iso);
  return (
    <time dateTime={iso} title={iso}>
      {Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' })}
    </time>
  );
}

/** An error from the admin API, shown where it happened (announced to screen readers). */
export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : undefined;
  return (
    <div class="error" role="alert">
      <strong>{error instanceof ApiError && error.status ? `${error.status} ${problem?.title ?? ''}: ` : ''}</strong>
      {describeError(error)}
      {problem?.errors && problem.errors.length > 1 ? (
        <ul>
          {problem.errors.map((e) => (
            <li key={e.field}>
              {e.field}: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A labelled form control with the API's message for that field beneath it. */
export function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: ComponentChildren }) {
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children}
      {error ? (
        <span class="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

export const fieldError = (error: unknown, field: string): string | undefined => (error instanceof ApiError ? error.forField(field) : undefined);
export const describedBy = (error: unknown, id: string, field: string): string | undefined => (fieldError(error, field) ? `${id}-error` : undefined);

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}
