import type { CompiledOperation } from '../../contracts/core/compile';

/**
 * Request headers as the pipeline reads them: lower-case names; a header sent
 * twice is one comma-joined value, as Node and the Fetch API both give it.
 */
export interface RequestHeaders {
  [name: string]: string | undefined;
}

/** How a body is decoded: JSON (strict: an object or an array) or an HTML form. */
export type BodyKind = 'json' | 'form';

/**
 * The request half of one exchange, the same whether it came through
 * `node:http` (see node/http-adapter.ts) or an msw handler (see msw/): the
 * pipeline, the router and the vendors never see a framework's request.
 */
export interface PipelineRequest {
  readonly method: string;
  /** Path and query string; tenant routing removes a `/__tenants/NAME` prefix from it. */
  url: string;
  /** The path of `url`, as sent (not percent-decoded). */
  readonly path: string;
  /** The query string of `url`, parsed; a name given twice has an array. */
  readonly query: Record<string, string | string[]>;
  readonly headers: RequestHeaders;
  /** Names and values as sent, alternating; the journal sizes an entry by them. */
  readonly rawHeaders: readonly string[];
  /** The peer's address, for limits a vendor counts per client IP. */
  readonly clientIp: string;
  /** Whether a body was sent (over HTTP: a Content-Length other than 0, or a Transfer-Encoding). */
  readonly hasBody: boolean;
  /**
   * Reads and decodes the whole body (Content-Encoding, charset) and parses it
   * as `kind`, refusing more than `limit` (`'100kb'`). Errors carry
   * body-parser's `type` names (`entity.too.large`, `entity.parse.failed`, …),
   * which body-errors.ts turns into the vendor's 4xx.
   */
  parseBody(kind: BodyKind, limit: string): Promise<unknown>;
  /** The parsed body once read; the journal keeps it (redacted when read). */
  body?: unknown;
}

/** What the stages leave for each other and for the journal on one exchange. */
export interface ExchangeLocals {
  /** The world the request is served in (a RequestWorld, see types.ts); absent for the default world. */
  world?: object;
  /** A tenant the request names that does not exist (yet). */
  absentTenant?: string;
  /** The `/__tenants/NAME` prefix the request came through: a cookie's Path must carry it. */
  mountPath?: string;
  /** The operation that answers. */
  operation?: CompiledOperation;
  /** The fault rule (or `prefer`) that shaped the answer. */
  faultId?: string;
  /** The answer's text as sent, for the journal: a reference, not a copy. */
  responseText?: string;
}

export type HeaderValue = string | number | readonly string[];

/** The response half of one exchange: what a stage may do to answer. */
export interface PipelineResponse {
  statusCode: number;
  readonly locals: ExchangeLocals;
  setHeader(name: string, value: HeaderValue): void;
  getHeader(name: string): HeaderValue | undefined;
  hasHeader(name: string): boolean;
  getHeaders(): Record<string, HeaderValue | undefined>;
  readonly headersSent: boolean;
  /** Sends the status and headers now: a stream (server-sent events) starts. */
  flushHeaders(): void;
  /** False when the chunk was buffered rather than sent. */
  write(chunk: string): boolean;
  end(chunk?: string | Uint8Array): void;
  /** Bytes written but not yet sent. */
  readonly writableLength: number;
  /** The exchange is over: answered whole, or the client went away. */
  readonly closed: boolean;
  /** The whole answer was handed over. */
  readonly finished: boolean;
  /** `finish`: the answer was handed over whole; `close`: the exchange ended, answered or not. */
  once(event: 'finish' | 'close', listener: () => void): void;
  /** Ends the connection without an answer (a TCP reset where there is one): a fault's drop. */
  drop(): void;
  /** Drops the connection at once, buffered data and all. */
  destroy(): void;
}

export type Next = (err?: unknown) => void;

/** One stage of the request pipeline: it answers, or passes on with `next()`. */
export type Stage = (req: PipelineRequest, res: PipelineResponse, next: Next) => unknown;

/** A whole pipeline: every request gets an answer (or is dropped); nothing is left to a framework. */
export type ExchangeHandler = (req: PipelineRequest, res: PipelineResponse) => void;

/** The path of a request target: up to its query string or fragment. */
export function pathOf(url: string): string {
  let end = url.length;
  const q = url.indexOf('?');
  if (q !== -1) end = q;
  const h = url.indexOf('#');
  if (h !== -1 && h < end) end = h;
  return end === url.length ? url : url.slice(0, end);
}

/** At most this many query parameters are read, as Node's querystring and Express read them. */
const MAX_QUERY_KEYS = 1000;

/**
 * The query string of a request target, parsed once the same way for every
 * adapter: `+` is a space, a name given twice collects an array, and past
 * 1,000 names the rest is ignored.
 */
export function queryOf(url: string): Record<string, string | string[]> {
  const q = url.indexOf('?');
  const out: Record<string, string | string[]> = Object.create(null);
  if (q === -1 || q === url.length - 1) return out;
  const h = url.indexOf('#', q);
  let keys = 0;
  for (const [name, value] of new URLSearchParams(url.slice(q + 1, h === -1 ? undefined : h))) {
    const prior = out[name];
    if (prior === undefined) {
      if (++keys > MAX_QUERY_KEYS) break;
      out[name] = value;
    } else if (Array.isArray(prior)) prior.push(value);
    else out[name] = [prior, value];
  }
  return out;
}

/**
 * The path and query of a request's URL, parsed when first asked and again
 * only when the URL changes (tenant routing rewrites it): what every adapter's
 * request shares.
 */
export abstract class RequestTarget {
  private parsedFor?: string;
  private parsedQuery?: Record<string, string | string[]>;

  constructor(public url: string) {}

  get path(): string {
    return pathOf(this.url);
  }

  get query(): Record<string, string | string[]> {
    if (this.parsedFor !== this.url || !this.parsedQuery) {
      this.parsedFor = this.url;
      this.parsedQuery = queryOf(this.url);
    }
    return this.parsedQuery;
  }
}
