import statuses from 'statuses';
import type { CompiledOperation } from '../../contracts/core/compile';
import { delayProblem, drawDelay, MAX_DELAY_MS, type DelaySpec } from '../domain/faults';
import type { Runtime } from '../runtime';
import type { PipelineRequest, PipelineResponse } from './exchange';
import { readBody } from './body-parser';
import { send } from './responder';
import type { ApiModule, HandlerResult } from './types';

/** Names the rule (or `prefer`) behind a faulted answer; the contract kit reads it. */
export const FAULT_HEADER = 'X-Authmock-Fault';
export const PREFER_FAULT_ID = 'prefer';

/** What happens to one request: wait, then drop, force an answer, or let the operation answer. */
interface FaultPlan {
  id: string;
  delayMs: number;
  drop: boolean;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * The usable preferences of a `Prefer` header (RFC 7240, as Prism reads it):
 * `code` from 400 to 599 and `delay` in milliseconds up to 60,000. Anything
 * else is ignored, as the RFC asks; only the first instance of each counts.
 */
export function readPrefer(header: string): { code?: number; delayMs?: number } {
  const out: { code?: number; delayMs?: number } = {};
  const seen = new Set<string>();
  for (const item of header.split(',')) {
    const preference = item.split(';')[0];
    const eq = preference.indexOf('=');
    const name = (eq === -1 ? preference : preference.slice(0, eq)).trim().toLowerCase();
    if (seen.has(name)) continue;
    seen.add(name);
    const value = eq === -1 ? '' : preference.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    if (!/^\d{1,6}$/.test(value)) continue;
    const n = Number(value);
    if (name === 'code' && n >= 400 && n <= 599) out.code = n;
    else if (name === 'delay' && n <= MAX_DELAY_MS) out.delayMs = n;
  }
  return out;
}

/** `--latency 200` or `--latency 50-300`. */
export function parseLatency(text: string): number | [number, number] {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:-\s*(\d+(?:\.\d+)?)\s*)?$/.exec(text);
  const value: number | [number, number] | undefined = m ? (m[2] === undefined ? Number(m[1]) : [Number(m[1]), Number(m[2])]) : undefined;
  const problem = value === undefined ? 'is not a number or a range' : delayProblem(value);
  if (problem) throw new Error(`Invalid latency '${text}': ${problem} (e.g. 200 or 50-300)`);
  return value!;
}

function preferPlan(runtime: Runtime, req: PipelineRequest): FaultPlan | undefined {
  const header = req.headers.prefer;
  if (header === undefined || !runtime.config.honorPreferHeader) return undefined;
  const { code, delayMs } = readPrefer(header);
  if (code === undefined && delayMs === undefined) return undefined;
  return { id: PREFER_FAULT_ID, status: code, delayMs: delayMs ?? 0, drop: false };
}

function rulePlan(runtime: Runtime, vendor: string, operationId: string): FaultPlan | undefined {
  if (runtime.faults.size === 0) return undefined;
  const rule = runtime.faults.take(vendor, operationId);
  if (!rule) return undefined;
  const delayMs = rule.delayMs === undefined ? 0 : drawDelay(runtime.random, rule.delayMs);
  return { id: rule.id, delayMs, drop: rule.drop !== undefined, status: rule.status, body: rule.body, headers: rule.headers };
}

function forcedAnswer(module: ApiModule, plan: FaultPlan & { status: number }, res: PipelineResponse): HandlerResult {
  const why = plan.id === PREFER_FAULT_ID ? 'the Prefer header' : `fault rule ${plan.id}`;
  const result: HandlerResult =
    plan.body === undefined
      ? module.forcedError!(plan.status, `${statusText(plan.status)} (forced by ${why})`)
      : { status: plan.status, body: plan.body, contentType: contentTypeOf(res) };
  if ((plan.status === 429 || plan.status === 503) && !res.hasHeader('retry-after')) result.headers = { ...result.headers, 'Retry-After': '1' };
  return result;
}

/**
 * The slow path of a request, taken only when a rule, latency or a `Prefer`
 * header exists; `proceed` runs the operation. APIs without `forcedError`
 * (the admin API) go straight on, and so does a request no rule matches when
 * there is no latency.
 */
export function handleFaults(module: ApiModule, op: CompiledOperation, runtime: Runtime, req: PipelineRequest, res: PipelineResponse, proceed: () => Promise<void>): Promise<void> {
  if (!module.forcedError) return proceed();
  const plan = preferPlan(runtime, req) ?? rulePlan(runtime, module.id, op.operationId);
  const latency = runtime.config.latencyMs === 0 ? 0 : drawDelay(runtime.random, runtime.config.latencyMs as DelaySpec);
  if (!plan && latency === 0) return proceed();
  return applyFault(module, op, runtime, req, res, proceed, plan, latency + (plan?.delayMs ?? 0));
}

/** Waits, then drops, forces an answer or lets the operation answer. A drop or a forced status never reaches the operation: nothing changes, no mail is sent. */
async function applyFault(module: ApiModule, op: CompiledOperation, runtime: Runtime, req: PipelineRequest, res: PipelineResponse, proceed: () => Promise<void>, plan: FaultPlan | undefined, wait: number): Promise<void> {
  if (wait > 0) await runtime.sleep(wait);
  if (!plan) return proceed();
  res.locals.faultId = plan.id;
  res.setHeader(FAULT_HEADER, plan.id);
  if (plan.drop) {
    // The connection ends with no answer, as a crashed upstream or a cut connection leaves the client.
    res.drop();
    return;
  }
  for (const [name, value] of Object.entries(plan.headers ?? {})) res.setHeader(name, value);
  if (plan.status === undefined) return proceed();
  res.locals.operation = op;
  // The journal keeps what the app sent, though the operation never reads it.
  await readBody(req, op).catch(() => undefined);
  send(res, forcedAnswer(module, { ...plan, status: plan.status }, res));
}

/** A status code's reason phrase (`Service Unavailable`), or `Error` for one without. */
function statusText(status: number): string {
  return statuses.message[status] ?? 'Error';
}

function contentTypeOf(res: PipelineResponse): string | undefined {
  const value = res.getHeader('content-type');
  return typeof value === 'string' ? value : undefined;
}
