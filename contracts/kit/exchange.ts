import { checkResponse, loadCompiledSpecs, redactBody, redactText, type CompiledOperation, type CompiledSpec, type ObservedResponse, type Violation } from '../core';
import { faultOf } from './faults';
import { toObservedResponse, type ResponseLike } from './observe';

let loaded: Map<string, CompiledSpec> | undefined;
let loading: Promise<Map<string, CompiledSpec>> | undefined;

/** The package's specs, loaded and compiled once per process (they ship inside the package). */
export function contractSpecs(): Promise<Map<string, CompiledSpec>> {
  loading ??= loadCompiledSpecs(undefined, { validate: false }).then((specs) => (loaded = specs));
  return loading;
}

/** The specs if `contractSpecs()` has finished, so a check can answer synchronously. */
export const loadedContractSpecs = (): Map<string, CompiledSpec> | undefined => loaded;

export function findOperation(specs: Map<string, CompiledSpec>, specId: string, operationId: string): CompiledOperation {
  const spec = specs.get(specId);
  if (!spec) throw new Error(`No spec '${specId}'; the specs are ${[...specs.keys()].join(', ')}`);
  const op = spec.byOperationId.get(operationId);
  if (!op) throw new Error(`${specId} has no operation '${operationId}'; it has ${[...spec.byOperationId.keys()].join(', ')}`);
  return op;
}

/** One response judged against one operation. */
export interface Verdict {
  operation: CompiledOperation;
  response: ObservedResponse;
  violations: Violation[];
  /** Set when a fault rule produced the answer (`X-Authmock-Fault`); such answers are not judged. */
  faultId?: string;
}

export function judge(operation: CompiledOperation, response: ObservedResponse): Verdict {
  const faultId = faultOf(response.headers);
  return { operation, response, violations: faultId === undefined ? checkResponse(operation, response) : [], ...(faultId === undefined ? {} : { faultId }) };
}

/**
 * Checks any response against an operation of the package's specs:
 * `await checkExchange('some-vendor', 'login', res)`.
 */
export async function checkExchange(specId: string, operationId: string, response: ResponseLike): Promise<Verdict> {
  const operation = findOperation(await contractSpecs(), specId, operationId);
  return judge(operation, await toObservedResponse(response));
}

const where = (op: CompiledOperation): string => `${op.spec} ${op.operationId} (${op.method.toUpperCase()} ${op.fullPath})`;

/** What a violation says, one paragraph each: the check, where, what was expected, what came back, what exists. */
export function describeViolations(violations: readonly Violation[]): string {
  return violations
    .map((v) =>
      [
        `  ✗ ${v.message}`,
        `      check:    ${v.check}${v.pointer ? ` at ${v.pointer}` : ''}`,
        `      expected: ${v.expected}`,
        `      received: ${v.actual}`,
        ...(v.allowed.length ? [`      the spec allows: ${v.allowed.join(', ')}`] : []),
      ].join('\n'),
    )
    .join('\n');
}

/** What the operation documents, status by status: `200 (application/json), 401 (no body)`. */
export function documentedResponses(op: CompiledOperation): string {
  return Object.entries(op.responses)
    .map(([status, r]) => `${status} (${Object.keys(r.content).join(', ') || 'no body'})`)
    .join(', ');
}

/** At most 500 characters of a body, redacted before it is cut so no secret is cut in half and slips through. */
export function shownBody(text: string): string {
  const redacted = redactBody(text);
  return redacted.length > 500 ? `${redacted.slice(0, 500)}…` : redacted || '(none)';
}

/** A verdict as text, redacted: what was expected, what came back, and why it fails. */
export function formatVerdict(verdict: Verdict): string {
  const { operation: op, response: res, violations } = verdict;
  const type = res.headers['content-type'];
  const lines = verdict.faultId
    ? [`${where(op)} was answered by fault ${verdict.faultId}: not judged against the spec`]
    : violations.length === 0
      ? [`${where(op)} answered ${res.status}, which satisfies the spec`]
      : [`expected ${where(op)} to satisfy the spec, but it answered ${res.status}, which breaks it in ${violations.length} way(s):`, describeViolations(violations)];
  lines.push(
    '',
    `received: status ${res.status}${type ? `, content-type ${Array.isArray(type) ? type.join(', ') : type}` : ''}`,
    `body:     ${shownBody(res.text)}`,
    `the spec documents: ${documentedResponses(op)}`,
  );
  return redactText(lines.join('\n'));
}
