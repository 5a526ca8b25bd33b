import { checkResponse, documentedResponse, type CompiledOperation, type CompiledSpec, type Violation } from '../core';

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
}

export interface CallResult {
  operationId: string;
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON, or undefined. */
  json: unknown;
  violations: Violation[];
}

export interface Exchange {
  operationId: string;
  method: string;
  status: number;
  /** The documented response this status fell under, if any. */
  documentedStatus?: string;
  inferred: boolean;
  violations: Violation[];
}

export class UnreachableError extends Error {}

/**
 * Calls operations of one spec on a target and checks every answer against
 * the spec. Framework-free: the jest suites and any other runner use it alike.
 */
export class ContractClient {
  readonly exchanges: Exchange[] = [];

  constructor(
    readonly spec: CompiledSpec,
    readonly baseUrl: string,
    private readonly options: { failOnSlViolations?: boolean; timeoutMs?: number } = {},
  ) {}

  operation(operationId: string): CompiledOperation {
    const op = this.spec.byOperationId.get(operationId);
    if (!op) throw new Error(`${this.spec.name} has no operation '${operationId}' (it has ${[...this.spec.byOperationId.keys()].join(', ')})`);
    return op;
  }

  async call(operationId: string, options: CallOptions = {}): Promise<CallResult> {
    const op = this.operation(operationId);
    const method = (options.method ?? op.method).toUpperCase();
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    let body: string | undefined = options.rawBody;
    if (body === undefined && options.body !== undefined) {
      const type = options.contentType ?? 'application/json';
      headers['Content-Type'] ??= type;
      body = type === 'application/x-www-form-urlencoded' ? new URLSearchParams(options.body as Record<string, string>).toString() : JSON.stringify(options.body);
    } else if (body !== undefined && options.contentType) {
      headers['Content-Type'] ??= options.contentType;
    }
    const url = this.baseUrl + op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(options.path?.[name] ?? `{${name}}`));
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000) });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new UnreachableError(`${method} ${url} could not be reached: ${cause?.code ?? ''} ${cause?.message ?? (err as Error).message}`.trim());
    }
    const text = await res.text();
    const responseHeaders: Record<string, string> = {};
    res.headers.forEach((value, name) => (responseHeaders[name.toLowerCase()] = value));
    // A wrong verb has no operation of its own; its answer is judged by what the path's operation documents.
    const violations = checkResponse(op, { status: res.status, headers: responseHeaders, text });
    const documented = documentedResponse(op, res.status);
    const slViolations = this.options.failOnSlViolations ? prismViolations(responseHeaders['sl-violations'], documented?.bodyOptional === true && text === '') : undefined;
    if (slViolations) {
      violations.push({
        operation: `${op.spec} ${op.operationId}`,
        check: 'body',
        pointer: '',
        expected: 'no sl-violations header',
        actual: slViolations,
        allowed: [],
        message: `${op.spec} ${op.operationId}: the Prism proxy reported violations: ${slViolations}`,
      });
    }
    this.exchanges.push({ operationId, method, status: res.status, documentedStatus: documented?.status, inferred: documented?.inferred ?? false, violations });
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { operationId, status: res.status, headers: responseHeaders, text, json, violations };
  }
}

/**
 * Prism's sl-violations header, less what our spec explicitly allows and
 * Prism cannot know: an empty body on a response marked x-body-optional.
 */
function prismViolations(header: string | undefined, emptyBodyAllowed: boolean): string | undefined {
  if (!header) return undefined;
  let list: { location?: string[] }[];
  try {
    list = JSON.parse(header) as { location?: string[] }[];
  } catch {
    return header;
  }
  const kept = emptyBodyAllowed ? list.filter((v) => v.location?.[0] !== 'response') : list;
  return kept.length ? JSON.stringify(kept) : undefined;
}
