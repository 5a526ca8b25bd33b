/**
 * Media types and JSON pointers, as both the mock and the contract kit read
 * them. One module, so the two sides cannot drift apart on what
 * `application/json; charset=utf-8` or `/a~1b` mean.
 */

/** `application/json; charset=utf-8` → `application/json`. */
export function baseMediaType(contentType: string): string {
  const semi = contentType.indexOf(';');
  return (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

/** `application/json` and any structured `+json` type (`application/problem+json`, vendor types). */
export function isJsonMediaType(type: string): boolean {
  const base = baseMediaType(type);
  return base === 'application/json' || base.endsWith('+json');
}

/** The media ranges of an `Accept` header, without their parameters: `text/html;q=0.9, *\/*` → `['text/html', '*\/*']`. */
export function mediaRanges(accept: string): string[] {
  return accept
    .split(',')
    .map(baseMediaType)
    .filter((r) => r !== '');
}

/** One reference token of a JSON pointer (RFC 6901): `~` → `~0`, `/` → `~1`. */
export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointer(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The reference tokens of a pointer, unescaped: `/a~1b/0` → `['a/b', '0']`; `''` → `[]`. */
export function pointerTokens(pointer: string): string[] {
  return pointer === '' ? [] : pointer.split('/').slice(1).map(unescapePointer);
}

/** The value a pointer designates, or undefined when it leads nowhere. */
export function valueAtPointer(value: unknown, pointer: string): unknown {
  let v: unknown = value;
  for (const token of pointerTokens(pointer)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[token];
  }
  return v;
}
