import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BodyKind, ExchangeHandler, ExchangeLocals, HeaderValue, PipelineRequest, PipelineResponse, RequestHeaders } from '../exchange';
import { RequestTarget } from '../exchange';
import { parseNodeBody } from './body';

/** A Node request as the pipeline reads it; path and query are parsed when asked, once per URL. */
class NodeRequest extends RequestTarget implements PipelineRequest {
  body?: unknown;

  constructor(
    private readonly raw: IncomingMessage,
    private readonly rawRes: ServerResponse,
  ) {
    super(raw.url ?? '/');
  }

  get method(): string {
    return this.raw.method ?? 'GET';
  }

  // Node joins repeated headers with ', ' except Set-Cookie, which no request needs.
  get headers(): RequestHeaders {
    return this.raw.headers as RequestHeaders;
  }

  get rawHeaders(): readonly string[] {
    return this.raw.rawHeaders;
  }

  // The socket's peer; X-Forwarded-For is never read (any client can write it).
  get clientIp(): string {
    return this.raw.socket?.remoteAddress ?? 'unknown';
  }

  get hasBody(): boolean {
    const length = this.raw.headers['content-length'];
    return this.raw.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  }

  parseBody(kind: BodyKind, limit: string): Promise<unknown> {
    return parseNodeBody(this.raw, this.rawRes, kind, limit);
  }
}

/** A Node response as the pipeline writes it. */
class NodeResponse implements PipelineResponse {
  readonly locals: ExchangeLocals = {};

  constructor(
    private readonly raw: ServerResponse,
    private readonly req: IncomingMessage,
  ) {}

  get statusCode(): number {
    return this.raw.statusCode;
  }

  set statusCode(status: number) {
    this.raw.statusCode = status;
  }

  setHeader(name: string, value: HeaderValue): void {
    this.raw.setHeader(name, value);
  }

  getHeader(name: string): HeaderValue | undefined {
    return this.raw.getHeader(name);
  }

  hasHeader(name: string): boolean {
    return this.raw.hasHeader(name);
  }

  getHeaders(): Record<string, HeaderValue | undefined> {
    return this.raw.getHeaders();
  }

  get headersSent(): boolean {
    return this.raw.headersSent;
  }

  flushHeaders(): void {
    this.raw.flushHeaders();
  }

  write(chunk: string): boolean {
    return this.raw.write(chunk);
  }

  end(chunk?: string | Uint8Array): void {
    if (chunk === undefined) this.raw.end();
    else this.raw.end(chunk);
  }

  get writableLength(): number {
    return this.raw.writableLength;
  }

  get closed(): boolean {
    const socket = this.raw.socket;
    return this.raw.destroyed || this.raw.writableEnded || !socket || socket.destroyed || this.req.socket?.destroyed === true;
  }

  get finished(): boolean {
    return this.raw.writableFinished;
  }

  once(event: 'finish' | 'close', listener: () => void): void {
    this.raw.once(event, listener);
  }

  drop(): void {
    // A TCP reset, as a crashed upstream or a cut connection gives the client;
    // a socket that is not TCP (a Unix socket) can only be closed.
    const socket = this.req.socket;
    try {
      socket.resetAndDestroy();
    } catch {
      socket.destroy();
    }
  }

  destroy(): void {
    this.raw.destroy();
  }
}

const localsByResponse = new WeakMap<ServerResponse, ExchangeLocals>();

/**
 * What the pipeline noted on a Node response (the operation that answered,
 * its world): for a recorder wrapped around the listener, such as the test
 * harness that checks every answer against its operation in the spec.
 */
export function exchangeLocals(res: ServerResponse): ExchangeLocals | undefined {
  return localsByResponse.get(res);
}

/** Serves `handle` as a `node:http` request listener (also mountable in Express, which passes the same objects). */
export function nodeListener(handle: ExchangeHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const response = new NodeResponse(res, req);
    localsByResponse.set(res, response.locals);
    handle(new NodeRequest(req, res), response);
  };
}
