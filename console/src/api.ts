/** The admin API as the console calls it: one tenant's world, the token in a header, errors as values a view can show. */

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problem: Problem = {},
  ) {
    super(message);
  }

  /** The message for one form field, when the API named it. */
  forField(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field || e.field.startsWith(`${field}/`) || e.field.startsWith(`${field}.`))?.message;
  }
}

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

export class AdminApi {
  constructor(
    readonly tenant: string | null,
    private readonly hooks: ApiHooks,
  ) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const token = tokenStore.get();
    return { Accept: 'application/json', ...extra, ...(token ? { Authorization: `Bearer ${token}` } : {}) };
  }

  url(path: string, root = false): string {
    return `${adminBase(root ? null : this.tenant)}${path}`;
  }

  /** `root`: the default tenant's admin API (for calls about tenants themselves). */
  async request<T>(method: string, path: string, body?: unknown, root = false): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.url(path, root), {
        method,
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
      const problem = (parsed && typeof parsed === 'object' ? parsed : {}) as Problem;
      throw new ApiError(res.status, problem.detail ?? problem.title ?? `${method} ${path} answered ${res.status}`, problem);
    }
    return parsed as T;
  }

  get<T>(path: string, root = false): Promise<T> {
    return this.request<T>('GET', path, undefined, root);
  }

  /** A GET that answers null when the operation is not served (404): a feature of another version. */
  async optional<T>(path: string, root = false): Promise<T | null> {
    try {
      return await this.get<T>(path, root);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }
}

export const describeError = (err: unknown): string => (err instanceof Error ? err.message : String(err));
