export type TextPart = { text: string } | { href: string };

const URL_PATTERN = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/** Splits mail text into plain runs and http(s) links, so links can be clicked and nothing else becomes markup. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_PATTERN)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ href: m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** An `appLinks` template with the message's values filled in, URL-encoded. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(code|email|vendor|kind)\}/g, (_m, key: string) => encodeURIComponent(values[key] ?? ''));
}

const UNITS: [number, string][] = [
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'min'],
  [1000, 's'],
];

/** 90061000 → "1 d 1 h 1 min 1 s". */
export function formatDuration(ms: number): string {
  let rest = Math.abs(Math.round(ms));
  const out: string[] = [];
  for (const [size, unit] of UNITS) {
    if (rest >= size) {
      out.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
  }
  return out.length ? out.join(' ') : '0 s';
}

/** A word for a POSIX shell: single-quoted, with each `'` closed, escaped and reopened. */
export const shellQuote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

// Set by curl itself, or meaningless once the request is sent again.
const CURL_SKIPS = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'accept-encoding']);

export interface CurlSource {
  method: string;
  path: string;
  request?: { headers?: Record<string, string | number | string[]>; body?: unknown };
}

/**
 * A journal entry as a curl command against `origin`. The journal's values are
 * already redacted, so `[redacted]` stays where a secret was: the command shows
 * the request's shape and never a secret.
 */
export function curlCommand(origin: string, entry: CurlSource): string {
  const parts = ['curl', '-X', entry.method, shellQuote(`${origin}${entry.path}`)];
  for (const [name, value] of Object.entries(entry.request?.headers ?? {})) {
    if (CURL_SKIPS.has(name.toLowerCase())) continue;
    for (const one of Array.isArray(value) ? value : [String(value)]) parts.push('-H', shellQuote(`${name}: ${one}`));
  }
  const body = entry.request?.body;
  if (body !== undefined) parts.push('--data-raw', shellQuote(typeof body === 'string' ? body : JSON.stringify(body)));
  return parts.join(' ');
}
