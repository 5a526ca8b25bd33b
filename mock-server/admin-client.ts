import type { AdminPath, BodyOf, MethodOf, Op, PathParamsOf, QueryOf, SuccessOf } from './admin-paths';
import type { components } from './generated/admin';

/** Shapes of the admin API, generated from `specs/admin.openapi.yaml`. */
export type AdminSchemas = components['schemas'];
export type Message = AdminSchemas['Message'];
export type MessageDetail = AdminSchemas['MessageDetail'];
export type TotpCode = AdminSchemas['TotpCode'];
export type ClockState = AdminSchemas['ClockState'];
export type AdminUser = AdminSchemas['User'];
export type CreatedUser = AdminSchemas['CreatedUser'];
export type CreateUserRequest = AdminSchemas['CreateUserRequest'];
export type JournalEntry = AdminSchemas['JournalEntry'];
export type Problem = AdminSchemas['Problem'];
export type Vendor = AdminSchemas['Vendor'];
export type MailKind = AdminSchemas['MailKind'];
export type UserStatus = AdminSchemas['UserStatus'];
export type Tenant = AdminSchemas['Tenant'];
export type StateDocument = AdminSchemas['StateDocument'];

export type { MethodOf, SuccessOf } from './admin-paths';

export interface AdminRequest<O> {
  query?: QueryOf<O>;
  body?: BodyOf<O>;
  /** Values for `{name}` segments of the path. */
  params?: PathParamsOf<O>;
  signal?: AbortSignal;
}

export interface AdminClientOptions {
  /** Sent as `Authorization: Bearer <token>` (a mock started with `--admin-token`). */
  token?: string;
  /** Sent as `X-Authmock-Tenant`, so every call addresses that tenant's world. */
  tenant?: string;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** The admin API answered with an error: the status and the problem+json body. */
export class AdminApiError extends Error {
  override readonly name = 'AdminApiError';
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
    readonly method: string,
    readonly path: string,
  ) {
    super(`${method.toUpperCase()} /__admin${path} answered ${status}${problem?.detail ? `: ${problem.detail}` : problem?.title ? ` ${problem.title}` : ''}`);
  }
}

export interface RequestFilter {
  status?: number;
  vendor?: Vendor;
  operationId?: string;
  /** Part of the path, case-insensitive. */
  path?: string;
}

export interface MailWaitFilter {
  to?: string;
  vendor?: Vendor;
  kind?: MailKind;
  /** Only messages with a larger id count (e.g. the id of the last message you saw). */
  after?: number;
}

/** `mailbox.waitFor` saw no matching message in time. */
/**
 * How long `mailbox.waitFor` waits by default: under jest's own 5 s test
 * timeout, so a mail that never comes fails as MailWaitTimeout naming the
 * filter, not as a test timeout that names nothing.
 */
export const MAIL_WAIT_DEFAULT_MS = 4000;

export class MailWaitTimeout extends Error {
  override readonly name = 'MailWaitTimeout';
  constructor(
    readonly filter: MailWaitFilter,
    readonly timeoutMs: number,
  ) {
    super(`No e-mail matching ${describe(filter)} arrived within ${timeoutMs} ms`);
  }
}

function describe(filter: MailWaitFilter): string {
  const parts = Object.entries(filter).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${String(v)}`);
  return parts.length ? `{${parts.join(', ')}}` : '{any message}';
}

const LONG_POLL_MAX_MS = 30_000;

/**
 * A typed client for the admin API (`/__admin`) of a running mock. Every
 * operation goes through `request(method, path, ...)`, typed from the admin
 * spec; the named methods are one line each on top of it.
 */
export class AdminClient {
  /** The admin API's root, e.g. `http://127.0.0.1:4010/__admin`. */
  readonly baseUrl: string;
  private readonly headers: Record<string, string>;
  private readonly fetch: typeof fetch;

  /** `url` is the mock's root (`http://127.0.0.1:4010`) or its admin root (`.../__admin`). */
  constructor(
    url: string,
    private readonly options: AdminClientOptions = {},
  ) {
    const root = url.replace(/\/+$/, '');
    this.baseUrl = root.endsWith('/__admin') ? root : `${root}/__admin`;
    this.headers = {
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...(options.tenant ? { 'X-Authmock-Tenant': options.tenant } : {}),
      ...options.headers,
    };
    this.fetch = options.fetch ?? ((...args) => fetch(...args));
  }

  /** Any admin operation, typed by its path and method in the spec. Rejects with AdminApiError on 4xx/5xx. */
  async request<P extends AdminPath, M extends MethodOf<P>>(method: M, path: P, init: AdminRequest<Op<P, M>> = {}): Promise<SuccessOf<Op<P, M>>> {
    let target = String(path);
    for (const [name, value] of Object.entries((init.params ?? {}) as Record<string, unknown>)) target = target.replace(`{${name}}`, encodeURIComponent(String(value)));
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries((init.query ?? {}) as Record<string, unknown>)) if (value !== undefined && value !== null) query.set(name, String(value));
    const qs = query.size ? `?${query}` : '';
    const headers: Record<string, string> = { Accept: 'application/json', ...this.headers };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const url = `${this.baseUrl}${target}${qs}`;
    let res: Response;
    try {
      res = await this.fetch(url, { method: method.toUpperCase(), headers, body: init.body === undefined ? undefined : JSON.stringify(init.body), signal: init.signal });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(`${method.toUpperCase()} ${url} failed: the mock cannot be reached (${cause?.code ?? cause?.message ?? (err as Error).message})`, { cause: err });
    }
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    const body = text && /[/+]json\b/.test(type) ? (JSON.parse(text) as unknown) : text || undefined;
    if (!res.ok) throw new AdminApiError(res.status, typeof body === 'object' ? (body as Problem) : undefined, method, target);
    return body as SuccessOf<Op<P, M>>;
  }

  /** A client for the same mock that addresses one tenant's world (`X-Authmock-Tenant`). */
  forTenant(name: string): AdminClient {
    return new AdminClient(this.baseUrl, { ...this.options, tenant: name });
  }

  /** Back to the fixtures: users, mailbox, journal, clock. */
  async reset(): Promise<void> {
    await this.request('post', '/reset');
  }

  readonly users = {
    create: (user: CreateUserRequest): Promise<CreatedUser> => this.request('post', '/users', { body: user }),
    find: async (filter: { vendor?: Vendor; email?: string; status?: UserStatus } = {}): Promise<AdminUser[]> => (await this.request('get', '/users', { query: filter })).users,
    bulk: (input: BodyOf<Op<'/users/bulk', 'post'>>) => this.request('post', '/users/bulk', { body: input }),
    /** The code an authenticator app shows now for an MFA user, by the mock's clock (`GET /users/{id}/totp`). */
    totp: (id: number): Promise<TotpCode> => this.request('get', '/users/{id}/totp', { params: { id } }),
  };

  readonly mailbox = {
    /** Newest first; `q` searches address, subject and text (case-insensitive). */
    list: async (filter: { to?: string; vendor?: Vendor; kind?: MailKind; q?: string } = {}): Promise<Message[]> => (await this.request('get', '/mailbox', { query: filter })).messages,
    /** One message with its headers and RFC 5322-style source (`GET /mailbox/{id}`). */
    get: (id: number): Promise<MessageDetail> => this.request('get', '/mailbox/{id}', { params: { id } }),
    /** Deletes one message; its code stays valid. */
    delete: async (id: number): Promise<void> => {
      await this.request('delete', '/mailbox/{id}', { params: { id } });
    },
    clear: async (): Promise<void> => {
      await this.request('delete', '/mailbox');
    },
    /**
     * The newest message matching the filter (and newer than `filter.after`),
     * at once if there is one, else as soon as it is sent. Rejects with
     * MailWaitTimeout after `timeoutMs` (default MAIL_WAIT_DEFAULT_MS, 4000).
     */
    waitFor: async (filter: MailWaitFilter = {}, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<Message> => {
      const timeoutMs = options.timeoutMs ?? MAIL_WAIT_DEFAULT_MS;
      const deadline = Date.now() + timeoutMs;
      // One long poll lasts at most 30 s; a longer wait, or one ended by a reset, asks again.
      for (;;) {
        const left = Math.max(0, deadline - Date.now());
        const answer = await this.request('get', '/mailbox/wait', { query: { ...filter, timeoutMs: Math.min(left, LONG_POLL_MAX_MS) }, signal: options.signal });
        if (answer) return answer.message;
        if (Date.now() >= deadline) throw new MailWaitTimeout(filter, timeoutMs);
      }
    },
  };

  readonly clock = {
    /** Moves the mock's clock forward; resolves to its new time. */
    advance: async (ms: number): Promise<Date> => new Date((await this.request('post', '/clock', { body: { advanceMs: ms } })).now),
    /** The mock's time and how far it is ahead of real time. */
    get: (): Promise<ClockState> => this.request('get', '/clock'),
    /** Back to real time (`DELETE /clock`); users, codes and mail stay. */
    realTime: (): Promise<ClockState> => this.request('delete', '/clock'),
  };

  readonly faults = {
    /** Adds a fault rule (`POST /__admin/faults`): a status, body, headers, delay or drop for matching vendor requests. */
    add: (rule: BodyOf<Op<'/faults', 'post'>>) => this.request('post', '/faults', { body: rule }),
    list: async () => (await this.request('get', '/faults')).faults,
    /** Removes one rule by id. */
    remove: async (id: string): Promise<void> => {
      await this.request('delete', '/faults/{id}', { params: { id } });
    },
    /** Removes every rule. */
    clear: async (): Promise<void> => {
      await this.request('delete', '/faults');
    },
  };

  readonly tenants = {
    /** Every tenant, least recently used first. */
    list: async (): Promise<Tenant[]> => (await this.request('get', '/tenants')).tenants,
    /** Creates the tenant from the fixtures unless it exists (`PUT /__admin/tenants/{name}`); reads of a tenant create none. */
    create: (name: string): Promise<Tenant> => this.request('put', '/tenants/{name}', { params: { name } }),
    delete: async (name: string): Promise<void> => {
      await this.request('delete', '/tenants/{name}', { params: { name } });
    },
  };

  readonly state = {
    /** The state document (`GET /__admin/state`), as `--state FILE` keeps it. */
    export: (): Promise<StateDocument> => this.request('get', '/state'),
    /** Replaces the state with a document from `export()` (`PUT /__admin/state`). */
    import: async (document: StateDocument): Promise<void> => {
      await this.request('put', '/state', { body: document });
    },
  };

  /** The most recent journal entries, newest first; `filter` keeps those of a status, vendor, operation or path (substring). */
  async requests(limit?: number, filter: RequestFilter = {}): Promise<JournalEntry[]> {
    return (await this.request('get', '/requests', { query: { limit, ...filter } })).requests;
  }

  /** Empties this world's request journal (`DELETE /requests`). */
  async clearRequests(): Promise<void> {
    await this.request('delete', '/requests');
  }
}
