import type { Express, Request, Response } from 'express';
import type { CompiledOperation, CompiledSpec } from '../../contracts/core';
import { DomainError } from '../domain/errors';
import type { Runtime } from '../runtime';
import { readBody } from './body-parser';
import { extractCredentials } from './credentials';
import { RequestError } from './request-error';
import { validateBody, validateHeaders, validateQuery } from './request-validator';
import { send } from './responder';
import type { ApiModule, HandlerResult, RequestContext } from './types';

export interface MountedApi {
  module: ApiModule;
  spec: CompiledSpec;
  state: unknown;
}

/**
 * Pairs every spec with its API module and every operation with its handler.
 * Anything unpaired is a start-up error listing all of them at once.
 */
export function pairApis(specs: Map<string, CompiledSpec>, modules: readonly ApiModule[]): { module: ApiModule; spec: CompiledSpec }[] {
  const problems: string[] = [];
  const byId = new Map(modules.map((m) => [m.id, m]));
  for (const name of specs.keys()) if (!byId.has(name)) problems.push(`spec '${name}' has no API module (expected mock-server/apis/${name}/)`);
  for (const m of modules) if (!specs.has(m.id)) problems.push(`API module '${m.id}' has no spec (expected specs/${m.id}.openapi.yaml)`);
  const pairs: { module: ApiModule; spec: CompiledSpec }[] = [];
  for (const [name, spec] of specs) {
    const module = byId.get(name);
    if (!module) continue;
    for (const op of spec.operations) {
      if (!module.handlers[op.operationId]) problems.push(`operation '${op.operationId}' (${op.method.toUpperCase()} ${op.fullPath}) of spec '${name}' has no handler`);
    }
    for (const id of Object.keys(module.handlers)) {
      if (!spec.byOperationId.has(id)) problems.push(`API module '${name}' has a handler for '${id}', which spec '${name}' does not define (it has: ${[...spec.byOperationId.keys()].join(', ')})`);
    }
    pairs.push({ module, spec });
  }
  if (problems.length) throw new Error(`The API modules do not match the specs:\n  - ${problems.join('\n  - ')}`);
  return pairs;
}

const toExpressPath = (p: string): string => p.replace(/\{([^}]+)\}/g, ':$1');

export function mountOperations(app: Express, apis: readonly MountedApi[], runtime: Runtime): void {
  for (const api of apis) {
    for (const op of api.spec.operations) {
      app[op.method](toExpressPath(op.fullPath), (req: Request, res: Response) => handle(api, op, runtime, req, res));
    }
  }
}

async function handle(api: MountedApi, op: CompiledOperation, runtime: Runtime, req: Request, res: Response): Promise<void> {
  res.locals.operation = op;
  const cookies = (req as { cookies?: Record<string, string> }).cookies ?? {};
  const ctx: RequestContext = {
    op,
    body: undefined,
    query: {},
    headers: req.headers,
    cookies,
    credentials: extractCredentials(op, req, cookies),
    runtime,
    state: api.state,
  };
  let result: HandlerResult;
  try {
    api.module.preflight?.(ctx);
    if (op.security.length > 0 && api.module.authenticate) api.module.authenticate(ctx);
    validateHeaders(op, req.headers);
    const body = await readBody(req, res, op);
    ctx.body = validateBody(op, body);
    ctx.query = validateQuery(op, req.query as Record<string, unknown>);
    result = await api.module.handlers[op.operationId](ctx);
  } catch (err) {
    if (!(err instanceof DomainError || err instanceof RequestError)) throw err;
    result = api.module.mapError(err, op);
  }
  send(res, result);
}

/** Known paths with a method they do not have: 405 with `Allow`, in the owning API's envelope. */
export function methodNotAllowed(apis: readonly MountedApi[]) {
  const byPath = new Map<string, { api: MountedApi; methods: string[] }>();
  for (const api of apis) {
    for (const op of api.spec.operations) {
      const entry = byPath.get(op.fullPath) ?? { api, methods: [] };
      entry.methods.push(op.method.toUpperCase());
      byPath.set(op.fullPath, entry);
    }
  }
  return (req: Request, res: Response, next: () => void): void => {
    const entry = byPath.get(req.path);
    if (!entry || req.method === 'OPTIONS') return next();
    const allow = entry.methods.join(', ');
    const result = entry.api.module.mapError(new RequestError('METHOD_NOT_ALLOWED', `Method ${req.method} is not allowed on ${req.path}; use ${allow}`, [], entry.methods), undefined);
    send(res, { ...result, headers: { ...result.headers, Allow: allow } });
  };
}
