import type { ObservedResponse } from '../core';

type HeaderValue = string | string[] | number | undefined;

/** Anything `get`/`forEach` can read headers from: a fetch `Headers`. */
interface HeadersLike {
  forEach(fn: (value: string, name: string) => void): void;
}

/** A fetch `Response` (Node's, undici's, a polyfill's). */
export interface FetchResponseLike {
  status: number;
  headers: HeadersLike;
  bodyUsed: boolean;
  clone(): { text(): Promise<string> };
}

/**
 * A response the kit can judge: a plain `{ status, headers, body }` (body
 * parsed or as text), a supertest/superagent response (`text`), an axios
 * response (`data`), or a fetch `Response`.
 */
export type ResponseLike =
  | FetchResponseLike
  | { status: number; headers?: Record<string, HeaderValue> | HeadersLike; body?: unknown; text?: string; data?: unknown };

export function isFetchResponse(value: unknown): value is FetchResponseLike {
  const v = value as Partial<FetchResponseLike> | null;
  return typeof v === 'object' && v !== null && typeof v.clone === 'function' && typeof v.bodyUsed === 'boolean' && typeof (v.headers as HeadersLike | undefined)?.forEach === 'function';
}

function headersOf(headers: Record<string, HeaderValue> | HeadersLike | undefined): ObservedResponse['headers'] {
  const out: ObservedResponse['headers'] = {};
  if (!headers) return out;
  if (typeof (headers as HeadersLike).forEach === 'function' && !Array.isArray(headers)) {
    (headers as HeadersLike).forEach((value, name) => (out[name.toLowerCase()] = value));
    return out;
  }
  for (const [name, value] of Object.entries(headers as Record<string, HeaderValue>)) {
    if (value !== undefined) out[name.toLowerCase()] = typeof value === 'number' ? String(value) : value;
  }
  return out;
}

function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return JSON.stringify(value);
}

/**
 * The response as the checker sees it. A fetch `Response` is read from a
 * clone (so the caller may still read it), which is why this may be a promise.
 */
export function toObservedResponse(response: ResponseLike): ObservedResponse | Promise<ObservedResponse> {
  if (typeof response !== 'object' || response === null || typeof (response as { status?: unknown }).status !== 'number') {
    throw new TypeError('Expected a response: { status, headers, body }, a fetch Response or a supertest response');
  }
  if (isFetchResponse(response)) {
    if (response.bodyUsed) throw new TypeError('The body of this fetch Response was already read; check it before reading it, or pass { status, headers, body }');
    const headers = headersOf(response.headers);
    return response.clone().text().then((text) => ({ status: response.status, headers, text }));
  }
  const r = response as Exclude<ResponseLike, FetchResponseLike>;
  // supertest keeps the raw text beside a parsed body ({} when there was none), so the text wins.
  const text = typeof r.text === 'string' ? r.text : textOf(r.body !== undefined ? r.body : r.data);
  return { status: r.status, headers: headersOf(r.headers), text };
}
