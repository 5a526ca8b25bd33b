import type { CompiledOperation } from '../../contracts/core/compile';
import type { DomainError } from '../domain/errors';
import type { User } from '../domain/user-store';
import type { Runtime } from '../runtime';
import type { SettingsSchema } from '../config-schema';
import type { AccountsDefinition, VendorAccounts } from '../runtime';
import type { RequestHeaders } from './exchange';
import type { Journal } from './journal';
import type { RequestError } from './request-error';

/** What a handler returns; `send` in responder.ts is the one place that writes it. */
export interface HandlerResult {
  status: number;
  /** Absent: the response has no body. */
  body?: unknown;
  /** Defaults to `application/json` when there is a body. */
  contentType?: string;
  /** An array sends the header once per value (several Set-Cookie). */
  headers?: Record<string, string | string[]>;
  /**
   * A response that stays open (server-sent events): `send` writes the status
   * and headers, then hands the stream over; `body` is ignored.
   */
  stream?: (out: ResponseStream) => void;
}

/** The writing end of a long-lived response, without Express. */
export interface ResponseStream {
  /** False when the chunk was buffered rather than sent. */
  write(chunk: string): boolean;
  end(): void;
  /** Drops the connection at once, buffered data and all. */
  destroy(): void;
  /** Bytes written but not yet sent. */
  readonly buffered: number;
  readonly closed: boolean;
  /** Called once when the connection closes, whoever closed it. */
  onClose(fn: () => void): void;
}

/** A credential found in the request for one of the operation's security schemes. */
export interface Credential {
  scheme: string;
  value: string;
}

export interface RequestContext<S = unknown, B = unknown, Q = Record<string, unknown>> {
  op: CompiledOperation;
  /** The parsed and validated body; undefined when there is none. */
  body: B;
  query: Q;
  /** Path parameters of a templated path, decoded. */
  params: Record<string, string>;
  headers: RequestHeaders;
  cookies: Record<string, string>;
  /** Credentials present for the operation's security schemes, in the spec's order. */
  credentials: Credential[];
  /** Set by the API's `authenticate` on secured operations. */
  user?: User;
  runtime: Runtime;
  /** The requests of this world, newest first; the HTTP layer fills it. */
  journal: Journal;
  /** Every tenant of the app, whichever world this request is served in. */
  tenants: TenantDirectory;
  /** Whether the app's state is kept, for `GET /__admin/health`. */
  storage: StorageStatus;
  /** The address the request came from, for limits a vendor counts per client IP. */
  readonly clientIp: string;
  /** The path prefix the request came through (`/__tenants/NAME`), or `''`: a cookie's Path must carry it. */
  mountPath: string;
  state: S;
  /** Aborted when the client goes away before the answer is written (long polls use it). */
  readonly signal: AbortSignal;
  /**
   * The name of the tenant the request names when that tenant does not exist:
   * the request is a read, served in a fresh world that no request may change
   * (see `RequestWorld.absentTenant`); undefined otherwise.
   */
  absentTenant?: string;
}

/** How the state is kept, as `GET /__admin/health` reports it (times as ISO strings). */
export interface StateHealth {
  storage: 'memory' | 'file';
  file: string | null;
  /** false while the last save failed: changes are refused with 503 until a save succeeds. */
  acceptsChanges: boolean;
  lastSavedAt: string | null;
  failure: { reason: string; since: string; retryAt: string } | null;
}

/** Whether the state can be kept; while it cannot, the router refuses changes. */
export interface StorageStatus {
  /** Why changes are refused now and how many seconds to wait; undefined while they are accepted. */
  refusal(): { reason: string; retryAfterSeconds: number } | undefined;
  health(): StateHealth;
}

/** The state in memory only: nothing to fail. */
export const IN_MEMORY: StorageStatus = {
  refusal: () => undefined,
  health: () => ({ storage: 'memory', file: null, acceptsChanges: true, lastSavedAt: null, failure: null }),
};

/** A tenant as the admin API lists it. */
export interface TenantSummary {
  name: string;
  users: number;
  messages: number;
  lastUsedAt: number;
}

/** The tenants of an app (see worlds.ts): what the admin API may see and do. */
export interface TenantDirectory {
  /** Least recently used first. */
  list(): TenantSummary[];
  /** false when no tenant has this name. */
  delete(name: string): boolean;
  /** The default world's runtime: a state document through it covers every tenant. */
  readonly defaultRuntime: Runtime;
  /** Every tenant's runtime by name, least recently used first. */
  runtimes(): [string, Runtime][];
  /** The tenant's runtime, created from the fixtures when it does not exist yet. */
  open(name: string): Runtime;
  /** Creates the tenant from the fixtures unless it exists (then it counts as a use); undefined for the name of the default world, which is no tenant. */
  create(name: string): { created: boolean; tenant: TenantSummary } | undefined;
  /** How many tenants may live at once (`maxTenants`). */
  readonly capacity: number;
}

/** What the router needs of the world a request is served in (see world.ts). */
export interface RequestWorld {
  runtime: Runtime;
  journal: Journal;
  tenants: TenantDirectory;
  /** Each mounted API's state, by the API's position in the mounted list. */
  states: readonly unknown[];
  /**
   * Set when the request names a tenant that does not exist: this world then
   * is a shared, freshly seeded one that answers reads as the tenant would
   * once created, and that nothing may change (long polls and event streams refuse).
   */
  absentTenant?: string;
}

// Method syntax makes the parameter bivariant, so a handler typed for one
// operation's body still fits the table of all handlers (see TypedHandlers).
export type Handler<S, B = unknown, Q = Record<string, unknown>> = {
  bivariant(ctx: RequestContext<S, B, Q>): HandlerResult | Promise<HandlerResult>;
}['bivariant'];

/** The body of an operation as generated from its spec (`mock-server/generated/<id>.ts`). */
export type OperationBody<O> = O extends { requestBody: { content: infer C } }
  ? C[keyof C]
  : O extends { requestBody?: { content: infer C } }
    ? C[keyof C] | undefined
    : undefined;

/** The query parameters of an operation as generated from its spec. */
export type OperationQuery<O> = O extends { parameters: { query?: infer Q } } ? ([Q] extends [never] ? Record<string, never> : NonNullable<Q>) : Record<string, never>;

/**
 * A handler per operation of a spec, each seeing its own request body and
 * query types: `const handlers: TypedHandlers<operations, State> = {...}` with
 * `operations` from `mock-server/generated/<id>.ts`. Validation has already run
 * against the same schema, so the types hold at run time.
 */
export type TypedHandlers<Ops, S> = { [K in keyof Ops]: TypedHandler<S, Ops[K]> };

/** A handler of one operation: its body and query typed from the spec, and its answer one the spec documents. */
type TypedHandler<S, O> = {
  bivariant(ctx: RequestContext<S, OperationBody<O>, OperationQuery<O>>): OperationResult<O> | Promise<OperationResult<O>>;
}['bivariant'];

type ResponsesOf<O> = O extends { responses: infer R } ? R : never;
type ContentOf<R> = R extends { content: infer C } ? ([C] extends [never] ? undefined : C extends Record<string, unknown> ? C[keyof C] : undefined) : undefined;

/**
 * What a handler may answer: a status the operation documents, with the body
 * the spec gives that status (none where it documents none). Keyed by status
 * from the generated response types, so a handler that answers an
 * undocumented status or the wrong shape does not compile; errors thrown as
 * DomainError go through the vendor's own mapping instead.
 */
export type OperationResult<O> = {
  [Status in keyof ResponsesOf<O> & number]: Omit<HandlerResult, 'status' | 'body'> &
    (
      | (undefined extends ContentOf<ResponsesOf<O>[Status]> ? { status: Status; body?: ContentOf<ResponsesOf<O>[Status]> } : { status: Status; body: ContentOf<ResponsesOf<O>[Status]> })
      // A stream (server-sent events) writes its documented content itself.
      | { status: Status; body?: undefined; stream: NonNullable<HandlerResult['stream']> }
    );
}[keyof ResponsesOf<O> & number];

/** A response body of an operation as generated from its spec, by status. */
export type OperationResponse<O, Status extends number> = O extends { responses: infer R }
  ? Status extends keyof R
    ? R[Status] extends { content: infer C }
      ? C[keyof C]
      : undefined
    : never
  : never;

interface ApiModuleBase<S> {
  /** The spec's file name without `.openapi.yaml`; also the vendor id used in the store. */
  id: string;
  /** The API's section of the config (`apis.<id>`): a JSON Schema holding every setting's default. */
  settings?: SettingsSchema;
  handlers: Record<string, Handler<S>>;
  /** Runs before the body is read (e.g. content negotiation). */
  preflight?(ctx: RequestContext<S>): void;
  /** Runs on operations with security requirements; sets `ctx.user` or throws a DomainError. */
  authenticate?(ctx: RequestContext<S>): void;
  /** The API's own error envelope for a refused request. */
  mapError(err: DomainError<string> | RequestError, op: CompiledOperation | undefined): HandlerResult;
  /**
   * The API's error envelope for a status a fault rule or `Prefer: code=` forces.
   * APIs without it (the admin API) are never faulted or delayed.
   */
  forcedError?(status: number, message: string): HandlerResult;
}

/** An API that owns a user base: its state is built with the accounts and flows the runtime built from `accounts`. */
export interface VendorApiModule<S = unknown> extends ApiModuleBase<S> {
  /** Account rules of the vendor's user base. */
  accounts: AccountsDefinition;
  createState(runtime: Runtime, vendor: VendorAccounts): S;
  /**
   * The credentials the contract kit's credentialed tier runs with against this
   * mock, named as the vendor's `contracts/vendors/<id>.ts` declares them, got
   * from the running mock at `base` (the vendor's API base) with the seeded accounts.
   */
  contractCredentials?(base: string, fixtures: readonly SeededAccount[]): Promise<Record<string, string>>;
}

/** What a vendor module may read of a seeded account (fixtures/<id>.json). */
export interface SeededAccount {
  vendor: string;
  role: string;
  email: string;
  username: string | null;
  password?: string;
  status: string;
}

/** An API without a user base of its own (the admin API). */
export interface PlainApiModule<S = unknown> extends ApiModuleBase<S> {
  accounts?: undefined;
  createState(runtime: Runtime): S;
}

/**
 * One API the mock serves: the spec it implements (by file name), a handler per
 * operationId, and how its errors look. Adding a vendor means adding a spec
 * and a folder under `apis/` that exports one of these.
 */
export type ApiModule<S = unknown> = VendorApiModule<S> | PlainApiModule<S>;

// Helper for API folders: keeps the module's state type when it is exported as ApiModule<unknown>.
export function defineApi<S>(api: VendorApiModule<S>): VendorApiModule<S>;
export function defineApi<S>(api: PlainApiModule<S>): PlainApiModule<S>;
export function defineApi<S>(api: ApiModule<S>): ApiModule<S> {
  return api;
}
