/**
 * One redaction for everything the project writes that a person or a CI
 * system may keep: the mock's journal and events, the contract kit's matcher
 * messages, JUnit files and reports. Secrets are passwords, tokens, codes,
 * MFA material, cookies and authorization values; a value is replaced, its
 * key and the shape of the document stay, so a report still says which field
 * was wrong.
 */
export const REDACTED = '[redacted]';

// Key names whose values are secrets in any of the vendors' documents or ours.
// `key` is a TOTP secret in a vendor's set-key body; recovery codes stand in for a second factor.
const SECRET_KEY = /pass(word)?|token|secret|jwt|otp|api[-_]?key|authorization|cookie|fingerprint|activation[-_]?(key|code)|signup[-_]?code|reset[-_]?code|invitation[-_]?code|recovery[-_]?codes?|^code$|^key$/i;

// A JSON Web Token anywhere in a string: base64url parts, the first a JSON header.
// A token cut short (a truncated excerpt) still counts, so no prefix of one slips through.
const JWT = /eyJ[A-Za-z0-9_-]{5,}(?:\.[A-Za-z0-9_-]*){0,2}/g;

// `key=value`, `"key": "value"` and `key: 'value'` inside free text (form bodies,
// messages, printed objects), also inside JSON that was itself put in a JSON
// string (`\"key\":\"value\"`). A quoted value runs to its closing quote, so a
// secret with spaces goes whole. After a colon only a quoted value or a
// header-like key (`x-jwt-token: …`) counts, so prose such as
// "resetPassword: status 201" stays readable.
const TEXT_PAIR = /(\\?["']?)(?<![A-Za-z_-])([A-Za-z_-]{0,64}?(?:pass(?:word)?|token|secret|jwt|otp|api[-_]?key|fingerprint|activation[-_]?(?:key|code)|signup[-_]?code|reset[-_]?code|invitation[-_]?code|code))\1(\s*)([:=])(\s*)(?:(\\?["'])((?:[^\\]|\\.)*?)(?:\6|$)|([^"'\\&;,\s}]+))/gi;

// A secret key whose value is an object or a list (`"refresh_token": {…}`, jest's `Object {…}`).
const NESTED_SECRET = /(\\?["']?)(?<![A-Za-z_-])([A-Za-z_-]{0,64}?(?:pass(?:word)?|token|secret|jwt|otp|api[-_]?key|fingerprint|activation[-_]?(?:key|code)|signup[-_]?code|reset[-_]?code|invitation[-_]?code))\1\s*[:=]\s*((?:Object |Array )?[{[])/gi;

// `Bearer <token>` / `Basic <credentials>` wherever an Authorization value is printed
// (Basic only before something base64-like, so prose such as "Basic auth" stays).
const AUTH_SCHEME = /\b(Bearer(?=\s+[A-Za-z0-9._~+/=-])|Basic(?=\s+[A-Za-z0-9+/]{8,}={0,2}))(\s+)[A-Za-z0-9._~+/=-]+/g;

// A `Cookie:` or `Set-Cookie:` header in text: every cookie value in it, whatever the cookie's name.
const COOKIE_HEADER = /((?:set-)?cookie["']?\s*[:=]\s*["']?)([^"'\n\r]*)/gi;

// Credentials inside a URL: `https://user:secret@host`.
const URL_USERINFO = /(\/\/[^/\s:@]+:)[^@/\s]+@/g;

// Error codes (`code: 404`, `error_code: 1102`) are numbers and stay; a secret code is a string.
// An `error_token` names the error (`invalid_credentials`); it is no credential.
// `passed` and the like count tests in a report; `pass` in them is no password.
const NOT_SECRET = /^error_|^pass(ed|es|ing)$/i;

function isSecretKey(key: string, value: unknown): boolean {
  if (!SECRET_KEY.test(key) || NOT_SECRET.test(key)) return false;
  if (/^code$/i.test(key)) return typeof value === 'string';
  return value !== null && value !== undefined && value !== '' && typeof value !== 'boolean';
}

/**
 * A string with JWT-shaped values, `key=value` secrets, Authorization
 * credentials, cookie values and passwords in URLs replaced.
 */
export function redactText(text: string): string {
  return redactNested(text)
    .replace(JWT, REDACTED)
    .replace(URL_USERINFO, `$1${REDACTED}@`)
    .replace(AUTH_SCHEME, `$1$2${REDACTED}`)
    .replace(COOKIE_HEADER, (_whole, head: string, cookies: string) => head + cookies.replace(/=([^;,\s]+)/g, (pair, value: string) => (value === REDACTED ? pair : `=${REDACTED}`)))
    .replace(TEXT_PAIR, (whole, q1: string, key: string, before: string, sep: string, after: string, q2: string | undefined, quoted: string | undefined, bare: string | undefined) => {
      const value = quoted ?? bare ?? '';
      if (/^code$/i.test(key) && /^\d{1,4}$/.test(value)) return whole;
      if (NOT_SECRET.test(key) || value === REDACTED) return whole;
      if (bare !== undefined && sep === ':' && !key.includes('-')) return whole;
      return `${q1}${key}${q1}${before}${sep}${after}${q2 ? `${q2}${REDACTED}${q2}` : REDACTED}`;
    });
}

/** Replaces the whole object or list under a secret key, up to its matching bracket. */
function redactNested(text: string): string {
  let out = '';
  let from = 0;
  NESTED_SECRET.lastIndex = 0;
  for (let m = NESTED_SECRET.exec(text); m; m = NESTED_SECRET.exec(text)) {
    if (NOT_SECRET.test(m[2]) || m.index < from) continue;
    const open = m.index + m[0].length - 1;
    const close = matchingBracket(text, open);
    out += text.slice(from, m.index + m[0].length - m[3].length) + REDACTED;
    from = close + 1;
    NESTED_SECRET.lastIndex = from;
  }
  return out + text.slice(from);
}

/** The index of the bracket closing the one at `open` (strings skipped), or the end of the text. */
function matchingBracket(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"') quote = c;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return i;
  }
  return text.length - 1;
}

/**
 * A body as text, for showing: JSON is parsed and redacted by key (so a secret
 * key's nested value goes too), anything else is redacted as text.
 */
export function redactBody(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(redact(JSON.parse(trimmed) as unknown));
    } catch {
      // not JSON after all: fall through to the text rules
    }
  }
  return redactText(text);
}

/** A value under a key: replaced when the key names a secret, else redacted inside. */
export function redactField(key: string, value: unknown): unknown {
  return isSecretKey(key, value) ? REDACTED : redact(value);
}

/**
 * A deep copy of a JSON-like value with every secret replaced. Strings are
 * scanned for JWTs and `key=value` secrets; objects by key name. Cycles and
 * depth beyond 32 levels are cut rather than followed.
 */
export function redact<T>(value: T): T {
  return redactValue(value, 0, new WeakSet()) as T;
}

function redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 32 || seen.has(value)) return REDACTED;
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  // A secret an object holds may be repeated in its other fields: a mail's `code` in its
  // `text` and `html`. Those repeats go too (secrets of four characters or more, so that a
  // short value does not blank out ordinary words).
  const echoes: string[] = [];
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const secret = isSecretKey(key, v);
    if (secret && typeof v === 'string' && v.length >= 4) echoes.push(v);
    out[key] = secret ? REDACTED : redactValue(v, depth + 1, seen);
  }
  if (echoes.length) for (const [key, v] of Object.entries(out)) if (typeof v === 'string' && v !== REDACTED) out[key] = echoes.reduce((text, e) => text.split(e).join(REDACTED), v);
  return out;
}

/** Headers with `Authorization`, `Cookie`, `Set-Cookie` and token headers replaced. */
export function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  return redact(headers);
}

/**
 * A request path with the values of secret path parameters replaced (a code
 * in the path, such as `/users/signup/{InvitationCode}`), by the operation's
 * path template: parameters are named as body fields are, so one rule says
 * what is secret. Aligned from the end, so a prefix the template lacks (a
 * tenant's) stays as it is; a path that does not fit the template is returned unchanged.
 */
export function redactPath(template: string, path: string): string {
  if (!template.includes('{')) return path;
  const names = template.split('/');
  const parts = path.split('/');
  const offset = parts.length - names.length;
  if (offset < 0) return path;
  let changed = false;
  names.forEach((segment, i) => {
    const name = /^\{([^}]+)\}$/.exec(segment)?.[1];
    if (name && isSecretKey(name, parts[offset + i])) {
      parts[offset + i] = REDACTED;
      changed = true;
    }
  });
  return changed ? parts.join('/') : path;
}
