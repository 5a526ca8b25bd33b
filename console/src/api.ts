/** The admin API as the console calls it: one tenant's world, the token in a header, errors as values a view can show. */
import type { components } from './generated/admin.js';

/** The admin API's shapes, generated from `specs/admin.openapi.yaml`. */
export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];

// The admin API's call typing, shared with AdminClient (mock-server/admin-paths.ts, copied at build).
import type { AdminPath, BodyOf, MethodOf, Op, PathParamsOf, QueryOf, SuccessOf } from './generated/admin-paths.js';
export type { AdminPath, MethodOf, SuccessOf };
/** A body's fields with values as a form holds them. */
export type FormInput<B> = [B] extends [never] ? never : { [K in keyof B]?: unknown };

export interface AdminCall<O> {
  query?: QueryOf<O>;
  body?: BodyOf<O>;
  /**
   * Form input sent as typed instead of `body`: the fields are the schema's, the values are
   * left for the API to judge, so its message names the field the user got wrong.
   */
  input?: FormInput<BodyOf<O>>;
  /** Values for `{name}` segments of the path. */
  params?: PathParamsOf<O>;
  /** The default tenant's admin API, for calls about tenants themselves. */
  root?: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problem?: Problem,
  ) {
    super(message);
  }

  /** The message for one form field, when the API named it. */
  forField(field: string): string | undefined {
    return this.problem?.errors?.find((e) => e.field === field || e.field.startsWith(`${field}/`) || e.field.startsWith(`${field}.`))?.message;
  }
}

const isProblem = (value: unknown): value is Problem =>
  typeof value === 'object' && value !== null && 'title' in value && typeof value.title === 'string' && 'status' in value && typeof value.status === 'number';

const TOKEN_KEY = 'authmock-admin-token';

/** The admin token lives for the tab only, and only here: never in a URL, never logged. */
export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

export interface ApiHooks {
  /** The admin API asked for a token (401). */
  unauthorized(): void;
  /** A request could not reach the mock at all. */
  unreachable(): void;
}

export const adminBase = (tenant: string | null): string => (tenant ? `/__tenants/${encodeURIComponent(tenant)}/__admin` : '/__admin');

/** An admin path with its `{name}` segments filled in and the query values that are set, under a tenant's prefix. */
export function adminUrl(tenant: string | null, path: AdminPath, params: Readonly<Record<string, unknown>> = {}, query: Readonly<Record<string, unknown>> = {}): string {
  let target: string = path;
  for (const [name, value] of Object.entries(params)) target = target.replace(`{${name}}`, encodeURIComponent(String(value)));
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null) search.set(name, String(value));
  return `${adminBase(tenant)}${target}${search.size ? `?${search}` : ''}`;
}

export class AdminApi {
  constructor(
    readonly tenant: string | null,
    private readonly hooks: ApiHooks,
  ) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const token = tokenStore.get();
    return { Accept: 'application/json', ...extra, ...(token ? { Authorization: `Bearer ${token}` } : {}) };
  }

  url(path: AdminPath): string {
    return adminUrl(this.tenant, path);
  }

  /** Any admin operation, typed by its path and method in the spec. Rejects with ApiError on 4xx/5xx. */
  async request<P extends AdminPath, M extends MethodOf<P>>(method: M, path: P, init: AdminCall<Op<P, M>> = {}): Promise<SuccessOf<Op<P, M>>> {
    // The generated parameter types are plain object types; only their entries are read here.
    const url = adminUrl(init.root ? null : this.tenant, path, (init.params ?? {}) as Record<string, unknown>, (init.query ?? {}) as Record<string, unknown>);
    const body: unknown = init.body ?? init.input;
    const verb = method.toUpperCase();
    let res: Response;
    try {
      res = await fetch(url, {
        method: verb,
        headers: this.headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch {
      this.hooks.unreachable();
      throw new ApiError(0, 'The mock cannot be reached');
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (res.status === 401) this.hooks.unauthorized();
    if (!res.ok) {
      const problem = isProblem(parsed) ? parsed : undefined;
      throw new ApiError(res.status, problem?.detail ?? problem?.title ?? `${verb} ${path} answered ${res.status}`, problem);
    }
    // The spec says what a 2xx answer holds; the mock's own tests check that it does.
    return parsed as SuccessOf<Op<P, M>>;
  }

  /** As `request`, but null when the operation is not served (404): a feature of another version. */
  async optional<P extends AdminPath, M extends MethodOf<P>>(method: M, path: P, init: AdminCall<Op<P, M>> = {}): Promise<SuccessOf<Op<P, M>> | null> {
    try {
      return await this.request(method, path, init);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }
}

export const describeError = (err: unknown): string => (err instanceof Error ? err.message : String(err));
