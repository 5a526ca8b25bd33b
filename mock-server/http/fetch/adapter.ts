import type { BodyKind, ExchangeHandler, ExchangeLocals, HeaderValue, PipelineRequest, PipelineResponse, RequestHeaders } from '../exchange';
import { RequestTarget } from '../exchange';
import { parseFetchBody } from './body';

/**
 * An answer as the Fetch API builds one. Not a `Response` yet: in a browser,
 * `new Response()` drops Set-Cookie, so msw's own response class is made from
 * this (see msw/), and `toResponse` makes a plain one.
 */
export interface FetchAnswer {
  status: number;
  headers: Headers;
  body: ReadableStream<Uint8Array> | string | Uint8Array | null;
}

/** What an exchange served through the Fetch API ends in: an answer, or a dropped connection (a fault's drop). */
export type FetchOutcome = FetchAnswer | 'dropped';

/** A plain Fetch `Response` of an answer (in Node, or wherever Set-Cookie need not reach a page). */
export function toResponse(answer: FetchAnswer): Response {
  return new Response(answer.body as BodyInit | null, { status: answer.status, headers: answer.headers });
}

class FetchRequest extends RequestTarget implements PipelineRequest {
  body?: unknown;
  readonly method: string;
  readonly headers: RequestHeaders = {};
  readonly rawHeaders: string[] = [];

  constructor(
    private readonly request: Request,
    readonly clientIp: string,
  ) {
    const url = new URL(request.url);
    super(`${url.pathname}${url.search}`);
    this.method = request.method.toUpperCase();
    // Headers iterates lower-case names with repeated values joined, as Node gives them.
    request.headers.forEach((value, name) => {
      this.headers[name] = value;
      this.rawHeaders.push(name, value);
    });
  }

  // A Fetch request knows its body; Content-Length is only written when it is sent over a network.
  get hasBody(): boolean {
    return this.request.body !== null;
  }

  parseBody(kind: BodyKind, limit: string): Promise<unknown> {
    return parseFetchBody(this.request, kind, limit);
  }
}

const encoder = new TextEncoder();
// Statuses whose answer has no body, by the Fetch standard (`new Response` refuses one).
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

class FetchResponse implements PipelineResponse {
  statusCode = 200;
  readonly locals: ExchangeLocals = {};
  private readonly headers = new Map<string, { name: string; value: HeaderValue }>();
  private sent = false;
  private ended = false;
  private gone = false;
  private stream?: ReadableStreamDefaultController<Uint8Array>;
  private readonly listeners = { finish: [] as (() => void)[], close: [] as (() => void)[] };

  constructor(
    private readonly method: string,
    private readonly settle: (outcome: FetchOutcome) => void,
    signal: AbortSignal | undefined,
  ) {
    // The client went away (a page navigated, a test aborted its fetch): long polls and streams end.
    signal?.addEventListener('abort', () => this.close(), { once: true });
  }

  setHeader(name: string, value: HeaderValue): void {
    this.headers.set(name.toLowerCase(), { name, value });
  }

  getHeader(name: string): HeaderValue | undefined {
    return this.headers.get(name.toLowerCase())?.value;
  }

  hasHeader(name: string): boolean {
    return this.headers.has(name.toLowerCase());
  }

  getHeaders(): Record<string, HeaderValue | undefined> {
    const out: Record<string, HeaderValue | undefined> = {};
    for (const [name, { value }] of this.headers) out[name] = value;
    return out;
  }

  get headersSent(): boolean {
    return this.sent;
  }

  flushHeaders(): void {
    if (this.sent) return;
    this.sent = true;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.stream = controller;
      },
      // The reader let go: as a closed connection.
      cancel: () => this.close(),
    });
    this.settle({ status: this.statusCode, headers: this.fetchHeaders(), body });
  }

  write(chunk: string): boolean {
    if (this.gone || this.ended) return false;
    if (!this.sent) this.flushHeaders();
    this.stream?.enqueue(encoder.encode(chunk));
    return true;
  }

  end(chunk?: string | Uint8Array): void {
    if (this.gone || this.ended) return;
    if (this.stream) {
      if (chunk !== undefined) this.stream.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      this.stream.close();
    } else {
      this.sent = true;
      const body = chunk === undefined || NULL_BODY.has(this.statusCode) || this.method === 'HEAD' ? null : chunk;
      this.settle({ status: this.statusCode, headers: this.fetchHeaders(), body });
    }
    this.ended = true;
    // After the answer is handed over, as Node's 'finish' and 'close' come after end().
    queueMicrotask(() => {
      this.emit('finish');
      this.close();
    });
  }

  get writableLength(): number {
    return 0;
  }

  get closed(): boolean {
    return this.gone || this.ended;
  }

  get finished(): boolean {
    return this.ended;
  }

  once(event: 'finish' | 'close', listener: () => void): void {
    this.listeners[event].push(listener);
  }

  drop(): void {
    if (this.gone) return;
    if (!this.sent) this.settle('dropped');
    else this.stream?.error(new TypeError('The connection was dropped'));
    this.close();
  }

  destroy(): void {
    if (this.gone) return;
    if (this.stream && !this.ended) this.stream.error(new TypeError('The connection was closed'));
    else if (!this.sent) this.settle('dropped');
    this.close();
  }

  private close(): void {
    if (this.gone) return;
    this.gone = true;
    this.emit('close');
  }

  private emit(event: 'finish' | 'close'): void {
    const listeners = this.listeners[event].splice(0);
    for (const listener of listeners) listener();
  }

  private fetchHeaders(): Headers {
    const headers = new Headers();
    for (const { name, value } of this.headers.values()) {
      if (Array.isArray(value)) for (const v of value as readonly string[]) headers.append(name, v);
      else headers.set(name, String(value));
    }
    return headers;
  }
}

export interface FetchServeOptions {
  /** The address requests count as coming from (a vendor's per-IP limits); in-process there is no peer. */
  clientIp?: string;
}

/**
 * Serves one Fetch API request through the pipeline, in-process: the way msw
 * handlers (in Node or a service worker) reach the mock without a server.
 */
export function serveFetch(handle: ExchangeHandler, request: Request, options: FetchServeOptions = {}): Promise<FetchOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: FetchOutcome): void => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const req = new FetchRequest(request, options.clientIp ?? '127.0.0.1');
    handle(req, new FetchResponse(req.method, settle, request.signal));
  });
}
