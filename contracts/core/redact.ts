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
const SECRET_KEY = /pass(word)?|token|secret|jwt|otp|api[-_]?key|authorization|cookie|fingerprint|activation[-_]?(key|code)|signup[-_]?code|reset[-_]?code|^code$/i;

// A JSON Web Token anywhere in a string: three base64url parts, the first a JSON header.
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

// `key=value`, `"key": "value"` and `key: 'value'` inside free text (form bodies,
// messages, printed objects), also inside JSON that was itself put in a JSON
// string (`\"key\":\"value\"`). A quoted value runs to its closing quote, so a
// secret with spaces goes whole. After a colon only a quoted value or a
// header-like key (`x-jwt-token: …`) counts, so prose such as
// "resetPassword: status 201" stays readable.
const TEXT_PAIR = /(\\?["']?)([A-Za-z_-]*(?:pass(?:word)?|token|secret|jwt|otp|api[-_]?key|fingerprint|activation[-_]?(?:key|code)|signup[-_]?code|reset[-_]?code|code))\1(\s*)([:=])(\s*)(?:(\\?["'])((?:[^\\]|\\.)*?)\6|([^"'\\&;,\s}]+))/gi;

// `Bearer <token>` / `Basic <credentials>` wherever an Authorization value is printed
// (Basic only before something base64-like, so prose such as "Basic auth" stays).
const AUTH_SCHEME = /\b(Bearer(?=\s+[A-Za-z0-9._~+/=-])|Basic(?=\s+[A-Za-z0-9+/]{8,}={0,2}))(\s+)[A-Za-z0-9._~+/=-]+/g;

// A `Cookie:` or `Set-Cookie:` header in text: every cookie value in it, whatever the cookie's name.
const COOKIE_HEADER = /((?:set-)?cookie["']?\s*[:=]\s*["']?)([^"'\n\r]*)/gi;

// Credentials inside a URL: `https://user:secret@host`.
const URL_USERINFO = /(\/\/[^/\s:@]+:)[^@/\s]+@/g;

// Error codes (`code: 404`, `error_code: 1102`) are numbers and stay; a secret code is a string.
// EMnify's `error_token` names the error (`invalid_credentials`), it is no credential.
const NOT_SECRET = /^error_/i;

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
  return text
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
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = isSecretKey(key, v) ? REDACTED : redactValue(v, depth + 1, seen);
  }
  return out;
}

/** Headers with `Authorization`, `Cookie`, `Set-Cookie` and token headers replaced. */
export function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  return redact(headers);
}
