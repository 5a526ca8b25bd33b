import { parse as parseCookies } from 'cookie';
import type { CompiledOperation, CompiledSpec } from '../../contracts/core/compile';
import { DomainError } from '../domain/errors';
import { readBody } from './body-parser';
import { extractCredentials } from './credentials';
import type { Next, PipelineRequest, PipelineResponse, Stage } from './exchange';
import { FAULT_HEADER, handleFaults } from './faults';
import type { MountedApi, OperationTable } from './operation-table';
import { RequestError } from './request-error';
import { validateBody, validateHeaders, validatePath, validateQuery } from './request-validator';
import { send } from './responder';
import { mayChange } from './change-notifier';
import { problem } from './problem';
import { IN_MEMORY, type ApiModule, type HandlerResult, type RequestContext, type RequestWorld, type StorageStatus } from './types';

export { OperationTable, type MountedApi, type Route } from './operation-table';

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

/**
 * Serves each operation of `table` in the world `worldOf` names for the request
 * (the default world, or a tenant's), or sends the refusal it returns instead.
 * It is asked only once an operation matched, so a path that is no operation
 * never creates a tenant. While `storage` cannot save the state, a request
 * that may change it is refused with 503 before it runs (and creates no tenant).
 */
export function operationStage(table: OperationTable, worldOf: (req: PipelineRequest, res: PipelineResponse) => RequestWorld | HandlerResult, storage: StorageStatus = IN_MEMORY): Stage {
  // A rejected promise goes to the error handler (see pipeline.ts).
  return (req: PipelineRequest, res: PipelineResponse, next: Next) => {
    const found = table.find(req.method, req.path);
    if (!found) return next();
    if (mayChange(req.method)) {
      const refusal = storage.refusal();
      if (refusal) return refuseChange(found.api.module, found.op, refusal, res);
    }
    const world = worldOf(req, res);
    if ('status' in world) return send(res, world);
    const { faults, config } = world.runtime;
    // Almost every request meets no fault rule, latency or Prefer header: a count and two look-ups, then straight on.
    if (faults.size > 0 || config.latencyMs !== 0 || req.headers.prefer !== undefined) {
      return handleFaults(found.api.module, found.op, world.runtime, req, res, () => handle(found.api, found.op, found.params, world, storage, req, res));
    }
    return handle(found.api, found.op, found.params, world, storage, req, res);
  };
}

/**
 * A change the mock could not keep: 503 with Retry-After, in the API's own
 * envelope (its forced-error one; problem+json for an API without one), so
 * that a client retries instead of believing a change that a restart loses.
 */
function refuseChange(module: ApiModule, op: CompiledOperation, refusal: { reason: string; retryAfterSeconds: number }, res: PipelineResponse): void {
  const detail = `Changes are refused until the state is saved again: ${refusal.reason}`;
  res.locals.operation = op;
  send(res, mockRefusal(module, 503, detail, 'storage', { 'Retry-After': String(refusal.retryAfterSeconds) }));
}

/**
 * An answer the mock gives for its own sake (a state it cannot save, a bound
 * it reached), not as the vendor would: in the API's own envelope, marked
 * like a fault's answer (`X-Authmock-Fault: storage|capacity`) so that a
 * contract check knows the spec does not describe it.
 */
function mockRefusal(module: ApiModule, status: number, detail: string, reason: 'storage' | 'capacity', headers: Record<string, string> = {}): HandlerResult {
  const result: HandlerResult = module.forcedError ? module.forcedError(status, detail) : problem(status, detail);
  return { ...result, headers: { ...result.headers, ...headers, [FAULT_HEADER]: reason } };
}

async function handle(api: MountedApi, op: CompiledOperation, params: Record<string, string>, world: RequestWorld, storage: StorageStatus, req: PipelineRequest, res: PipelineResponse): Promise<void> {
  res.locals.operation = op;
  // Parsed here, not by a middleware: few operations read a cookie, and most requests carry none.
  const cookies = req.headers.cookie ? (parseCookies(req.headers.cookie) as Record<string, string>) : {};
  const ctx: RequestContext = {
    op,
    body: undefined,
    query: {},
    params,
    headers: req.headers,
    cookies,
    credentials: extractCredentials(op, req, cookies),
    runtime: world.runtime,
    journal: world.journal,
    tenants: world.tenants,
    storage,
    mountPath: res.locals.mountPath ?? '',
    // The peer's address as the adapter reports it (never X-Forwarded-For, which any client can write).
    get clientIp() {
      return req.clientIp;
    },
    state: world.states[api.index],
    absentTenant: world.absentTenant,
    // Built only for the handlers that ask: most requests never need one.
    get signal() {
      return closeSignal(res);
    },
  };
  let result: HandlerResult;
  try {
    api.module.preflight?.(ctx);
    if (op.security.length > 0 && api.module.authenticate) api.module.authenticate(ctx);
    validateHeaders(op, req.headers);
    validatePath(op, params);
    const body = await readBody(req, op);
    ctx.body = validateBody(op, body);
    ctx.query = validateQuery(op, req.query);
    result = await api.module.handlers[op.operationId](ctx);
  } catch (err) {
    if (!(err instanceof DomainError || err instanceof RequestError)) throw err;
    result = err instanceof DomainError && err.code === 'USER_LIMIT' ? mockRefusal(api.module, 507, err.message, 'capacity') : api.module.mapError(err, op);
  }
  send(res, result);
}

const signals = new WeakMap<PipelineResponse, AbortSignal>();

function closeSignal(res: PipelineResponse): AbortSignal {
  let signal = signals.get(res);
  if (!signal) {
    const controller = new AbortController();
    signal = controller.signal;
    signals.set(res, signal);
    if (res.closed) controller.abort();
    else res.once('close', () => controller.abort());
  }
  return signal;
}

/**
 * Known paths with a method they do not have: 405 with `Allow`, in the owning
 * API's envelope. Asks the same table as `operationStage`, so a path is
 * known here exactly when some method of it would be served there.
 */
export function methodNotAllowed(table: OperationTable): Stage {
  return (req, res, next) => {
    const entry = table.allowed(req.path);
    if (!entry) return next();
    const allow = entry.methods.join(', ');
    // OPTIONS outside a CORS preflight (answered before this) asks what the path allows.
    if (req.method === 'OPTIONS') return send(res, { status: 204, headers: { Allow: `${allow}, OPTIONS` } });
    const result = entry.api.module.mapError(new RequestError('METHOD_NOT_ALLOWED', `Method ${req.method} is not allowed on ${req.path}; use ${allow}`, [], entry.methods), undefined);
    send(res, { ...result, headers: { ...result.headers, Allow: allow } });
  };
}
