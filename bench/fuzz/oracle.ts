import { baseMediaType, checkResponse, documentedResponse, redactText, type CompiledOperation, type CompiledSpec, type ObservedResponse } from '../../contracts/core';

/**
 * Request errors the README documents for every API, in the API's own
 * envelope, on any operation whether or not the operation lists them:
 * malformed or undecodable body 400, refused origin or host 403, unknown path
 * 404, wrong method 405 (with Allow), wrong Accept 406, body too large 413,
 * unsupported media type or encoding 415.
 */
export const REQUEST_ERROR_STATUSES: ReadonlySet<number> = new Set([400, 403, 404, 405, 406, 413, 415]);

export type Verdict = { ok: true } | { ok: false; reason: string };

type Validate = ((value: unknown) => boolean) & { errors?: unknown };

interface Envelope {
  spec: string;
  /** Validators of every 4xx body the spec documents, by media type. */
  byType: Map<string, Validate[]>;
}

const TENANT_PREFIX = /^\/__tenants\/[^/]+(?=\/)/;
// A raw or JSON-escaped newline, then a stack frame.
const STACK_TRACE = /(?:\n|\\n)\s+at .+:\d+:\d+/;

/** Decides whether an answer is one the specs allow for the request that produced it. */
export class Oracle {
  private readonly exact = new Map<string, CompiledOperation>();
  private readonly templated: { method: string; pattern: RegExp; op: CompiledOperation }[] = [];
  private readonly owners = new Map<string, string>();
  private readonly ownerPatterns: { spec: string; pattern: RegExp }[] = [];
  private readonly envelopes = new Map<string, Envelope>();
  private readonly problem: Envelope;
  /** Whether the admin API documents tenants; only then does `/__tenants/NAME/…` reach an operation. */
  private readonly tenants: boolean;

  constructor(specs: Map<string, CompiledSpec>) {
    for (const spec of specs.values()) {
      const envelope: Envelope = { spec: spec.name, byType: new Map() };
      for (const op of spec.operations) {
        const method = op.method.toUpperCase();
        if (op.fullPath.includes('{')) {
          const pattern = new RegExp(`^${op.fullPath.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
          this.templated.push({ method, pattern, op });
          this.ownerPatterns.push({ spec: spec.name, pattern });
        } else {
          this.exact.set(`${method} ${op.fullPath}`, op);
          this.owners.set(op.fullPath, spec.name);
        }
        for (const [status, byType] of op.responseValidators) {
          if (!/^4/.test(status)) continue;
          for (const [type, validate] of byType) envelope.byType.set(type, [...(envelope.byType.get(type) ?? []), validate]);
        }
      }
      this.envelopes.set(spec.name, envelope);
    }
    this.problem = this.envelopes.get('admin') ?? { spec: 'admin', byType: new Map() };
    this.tenants = specs.get('admin')?.operations.some((o) => o.path.startsWith('/tenants')) ?? false;
  }

  /** The operation a request reaches (path without query; a tenant prefix is looked through). */
  route(method: string, path: string): CompiledOperation | undefined {
    const pathname = this.pathOf(path);
    return this.exact.get(`${method} ${pathname}`) ?? this.templated.find((t) => t.method === method && t.pattern.test(pathname))?.op;
  }

  /** The spec that serves a path with some method, if any. */
  owner(path: string): string | undefined {
    const pathname = this.pathOf(path);
    return this.owners.get(pathname) ?? this.ownerPatterns.find((o) => o.pattern.test(pathname))?.spec;
  }

  /**
   * `headers` are the request's: a request that names a tenant (header or path
   * prefix) may also be refused in problem+json, as the README documents for
   * a malformed tenant name.
   */
  judge(method: string, path: string, res: ObservedResponse, headers: Record<string, string> = {}): Verdict {
    const tenantNamed = this.tenants && (headers['x-authmock-tenant'] !== undefined || path.startsWith('/__tenants/'));
    const mockLevel = tenantNamed ? this.problem : undefined;
    if (res.status >= 500) return fail(`answered ${res.status}: ${cut(res.text)}`);
    if (STACK_TRACE.test(res.text)) return fail(`the body carries a stack trace: ${cut(res.text)}`);
    const op = this.route(method, path);
    if (op) {
      // An event stream is judged by its status and content type; its body never ends.
      const type = typeof res.headers['content-type'] === 'string' ? baseMediaType(res.headers['content-type']) : '';
      if (type === 'text/event-stream' && documentedResponse(op, res.status)?.content['text/event-stream']) return { ok: true };
      const violations = checkResponse(op, res);
      if (violations.length === 0) return { ok: true };
      if (!documentedResponse(op, res.status) && REQUEST_ERROR_STATUSES.has(res.status)) {
        const envelope = this.inEnvelope(this.envelopes.get(op.spec), res, method, mockLevel);
        if (envelope.ok) return envelope;
      }
      if (mockLevel && REQUEST_ERROR_STATUSES.has(res.status) && this.inEnvelope(mockLevel, res, method).ok) return { ok: true };
      return fail(`${violations.map((v) => v.message).join('; ')} (body ${cut(res.text)})`);
    }
    if (method === 'OPTIONS' && (res.status === 204 || res.status === 200) && res.text === '') return { ok: true };
    const owner = this.owner(path);
    if (owner) {
      if (res.status === 405) {
        if (!res.headers.allow) return fail('405 without an Allow header');
        return this.inEnvelope(this.envelopes.get(owner), res, method, mockLevel);
      }
      if (res.status === 404 || res.status === 403 || res.status === 400) return this.inEnvelope(this.problem, res, method, this.envelopes.get(owner));
      return fail(`a known path with an unknown method answered ${res.status}: ${cut(res.text)}`);
    }
    if (REQUEST_ERROR_STATUSES.has(res.status)) return this.inEnvelope(this.problem, res, method);
    return fail(`an unknown path answered ${res.status}; expected 404 problem+json: ${cut(res.text)}`);
  }

  private pathOf(path: string): string {
    const q = path.indexOf('?');
    const pathname = q === -1 ? path : path.slice(0, q);
    return this.tenants ? pathname.replace(TENANT_PREFIX, '') : pathname;
  }

  /** Whether a request error comes in an error body the spec documents somewhere (any envelope given). */
  private inEnvelope(envelope: Envelope | undefined, res: ObservedResponse, method: string, alternative?: Envelope): Verdict {
    if (method === 'HEAD') return res.text === '' ? { ok: true } : fail('HEAD answered with a body');
    const type = typeof res.headers['content-type'] === 'string' ? baseMediaType(res.headers['content-type']) : '';
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      return fail(`${res.status} with a body that is not JSON (${type || 'no content type'}): ${cut(res.text)}`);
    }
    for (const e of [envelope, alternative]) {
      if (e?.byType.get(type)?.some((validate) => validate(body))) return { ok: true };
    }
    const specs = [envelope, alternative].filter((e) => e).map((e) => e!.spec).join(' or ');
    return fail(`${res.status} ${type || 'without a content type'} is not an error body that ${specs} documents: ${cut(res.text)}`);
  }
}


const fail = (reason: string): Verdict => ({ ok: false, reason });
// Answers are quoted redacted: a login's token must not end up in a CI log.
const cut = (text: string): string => JSON.stringify(redactText(text.length > 300 ? `${text.slice(0, 300)}…` : text));
