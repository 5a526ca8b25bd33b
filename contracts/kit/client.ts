import { checkResponse, documentedResponse, type CompiledOperation, type CompiledSpec, type ObservedResponse, type Violation } from '../core';
import { faultOf } from './faults';
import { kitFetch } from './http';
import { limitsOf, type Pacer } from './pacing';
import type { RetryPolicy } from './retry';

export interface CallOptions {
  body?: unknown;
  /** Defaults to application/json when there is a body; `application/x-www-form-urlencoded` sends `body` as a form. */
  contentType?: string;
  headers?: Record<string, string>;
  /** Override the operation's method (to probe a wrong verb). */
  method?: string;
  /** Send this text as the body as is. */
  rawBody?: string;
  /** Values for the path's `{name}` parameters (encoded here). */
  path?: Record<string, string>;
  /** Query-string parameters (encoded here). */
  query?: Record<string, string>;
}

export interface CallResult {
  operationId: string;
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON, or undefined. */
  json: unknown;
  violations: Violation[];
  /**
   * Set when a fault rule of the target produced this answer (`X-Authmock-Fault`):
   * the answer says nothing about the target's contract, so it is not judged.
   */
  faultId?: string;
}

export interface Exchange {
  operationId: string;
  method: string;
  status: number;
  /** The documented response this status fell under, if any. */
  documentedStatus?: string;
  inferred: boolean;
  violations: Violation[];
  /** The fault rule that produced the answer, if one did. */
  faultId?: string;
}

/**
 * A check beyond the spec's, run on every answer: what a particular way of
 * running the kit adds (the Prism run adds Prism's own findings).
 */
export type ResponseCheck = (op: CompiledOperation, response: ObservedResponse) => Violation[];

export interface ClientOptions {
  /** How long one request may take; past it the call fails naming the operation. Default 10 s. */
  timeoutMs?: number;
  /** Keeps the calls under the vendor's documented limits (`x-rate-limit`); share one per run. */
  pacer?: Pacer;
  /** Retries a gateway's 429/503 with Retry-After that the vendor's spec does not explain; share one per run. */
  retry?: RetryPolicy;
  /** Headers sent with every call (a call's own headers win). */
  headers?: Record<string, string>;
  checks?: readonly ResponseCheck[];
}

export class UnreachableError extends Error {}

/** The target took longer than the timeout to answer one call. */
export class CallTimeoutError extends UnreachableError {}

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Calls operations of one spec on a target and checks every answer against
 * the spec. Framework-free: the jest suites and any other runner use it alike.
 */
export class ContractClient {
  readonly exchanges: Exchange[] = [];

  constructor(
    readonly spec: CompiledSpec,
    readonly baseUrl: string,
    private readonly options: ClientOptions = {},
  ) {}

  operation(operationId: string): CompiledOperation {
    const op = this.spec.byOperationId.get(operationId);
    if (!op) throw new Error(`${this.spec.name} has no operation '${operationId}' (it has ${[...this.spec.byOperationId.keys()].join(', ')})`);
    return op;
  }

  async call(operationId: string, options: CallOptions = {}): Promise<CallResult> {
    const op = this.operation(operationId);
    const method = (options.method ?? op.method).toUpperCase();
    const headers: Record<string, string> = { Accept: 'application/json', ...this.options.headers, ...options.headers };
    let body: string | undefined = options.rawBody;
    if (body === undefined && options.body !== undefined) {
      const type = options.contentType ?? 'application/json';
      headers['Content-Type'] ??= type;
      body = type === 'application/x-www-form-urlencoded' ? new URLSearchParams(options.body as Record<string, string>).toString() : JSON.stringify(options.body);
    } else if (body !== undefined && options.contentType) {
      headers['Content-Type'] ??= options.contentType;
    }
    const search = options.query && Object.keys(options.query).length ? `?${new URLSearchParams(options.query).toString()}` : '';
    const url = this.baseUrl + op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(options.path?.[name] ?? `{${name}}`)) + search;
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const limits = this.options.pacer ? limitsOf(this.spec, op) : [];
    let responseHeaders: Record<string, string> = {};
    let observed: ObservedResponse;
    for (let attempt = 0; ; attempt++) {
      await this.options.pacer?.before(limits);
      let res: Response;
      try {
        res = await kitFetch(url, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
      } catch (err) {
        if ((err as Error).name === 'TimeoutError') {
          throw new CallTimeoutError(`${this.spec.name} ${operationId} (${method} ${url}) did not answer within ${timeoutMs / 1000} s; a slow target needs a longer --timeout`);
        }
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        throw new UnreachableError(`${method} ${url} could not be reached: ${cause?.code ?? ''} ${cause?.message ?? (err as Error).message}`.trim());
      }
      const text = await res.text();
      responseHeaders = {};
      // Several Set-Cookie headers come one by one; they are joined as Headers.get joins them, so that none is lost.
      res.headers.forEach((value, name) => {
        const key = name.toLowerCase();
        responseHeaders[key] = key === 'set-cookie' && responseHeaders[key] !== undefined ? `${responseHeaders[key]}, ${value}` : value;
      });
      observed = { status: res.status, headers: responseHeaders, text };
      const wait = this.options.retry?.waitFor(op, observed, attempt);
      if (wait === undefined) break;
      await this.options.retry!.wait(op, res.status, wait);
    }
    const { status, text } = observed;
    const documented = documentedResponse(op, status);
    const faultId = faultOf(responseHeaders);
    // A wrong verb has no operation of its own; its answer is judged by what the path's operation documents.
    const violations = faultId === undefined ? [...checkResponse(op, observed), ...(this.options.checks ?? []).flatMap((check) => check(op, observed))] : [];
    this.exchanges.push({ operationId, method, status, documentedStatus: documented?.status, inferred: documented?.inferred ?? false, violations, ...(faultId === undefined ? {} : { faultId }) });
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { operationId, status, headers: responseHeaders, text, json, violations, ...(faultId === undefined ? {} : { faultId }) };
  }
}
