import type { IncomingHttpHeaders } from 'node:http';
import type { CompiledOperation } from '../../contracts/core';
import type { DomainError } from '../domain/errors';
import type { User } from '../domain/user-store';
import type { Runtime } from '../runtime';
import type { RequestError } from './request-error';

/** What a handler returns; `send` in responder.ts is the one place that writes it. */
export interface HandlerResult {
  status: number;
  /** Absent: the response has no body. */
  body?: unknown;
  /** Defaults to `application/json` when there is a body. */
  contentType?: string;
  headers?: Record<string, string>;
}

/** A credential found in the request for one of the operation's security schemes. */
export interface Credential {
  scheme: string;
  value: string;
}

export interface RequestContext<S = unknown> {
  op: CompiledOperation;
  /** The parsed and validated body; undefined when there is none. */
  body: unknown;
  query: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  cookies: Record<string, string>;
  /** Credentials present for the operation's security schemes, in the spec's order. */
  credentials: Credential[];
  /** Set by the API's `authenticate` on secured operations. */
  user?: User;
  runtime: Runtime;
  state: S;
}

export type Handler<S> = (ctx: RequestContext<S>) => HandlerResult | Promise<HandlerResult>;

/**
 * One API the mock serves: the spec it implements (by file name), a handler per
 * operationId, and how its errors look. Adding a vendor means adding a spec
 * and a folder under `apis/` that exports one of these.
 */
export interface ApiModule<S = unknown> {
  /** The spec's file name without `.openapi.yaml`; also the vendor id used in the store. */
  id: string;
  /** Account rules, for APIs that own a user base. */
  accounts?: import('../runtime').AccountsDefinition;
  createState(runtime: Runtime): S;
  handlers: Record<string, Handler<S>>;
  /** Runs before the body is read (e.g. content negotiation). */
  preflight?(ctx: RequestContext<S>): void;
  /** Runs on operations with security requirements; sets `ctx.user` or throws a DomainError. */
  authenticate?(ctx: RequestContext<S>): void;
  /** The API's own error envelope for a refused request. */
  mapError(err: DomainError | RequestError, op: CompiledOperation | undefined): HandlerResult;
}

// Helper for API folders: keeps the module's state type when it is exported as ApiModule<unknown>.
export function defineApi<S>(api: ApiModule<S>): ApiModule<S> {
  return api;
}
