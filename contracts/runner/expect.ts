import { redactBody, redactField, redactText } from '../core';
import type { CallResult } from '../kit/client';

/**
 * Why a test failed, as the report shows it: the message only, redacted, no
 * stack (a stack says where in the kit, not what the target did).
 */
export class TestFailure extends Error {
  constructor(message: string) {
    super(redactText(message));
    this.name = 'TestFailure';
    this.stack = this.message;
  }
}

/** A call's answer broke the spec; the message is the verdict (what was expected, what came back). */
export class ContractViolation extends TestFailure {
  constructor(message: string) {
    super(message);
    this.name = 'ContractViolation';
  }
}

const body = (r: CallResult): string => redactBody(r.text).slice(0, 300) || '(no body)';

export function expectStatus(vendor: string, r: CallResult, statuses: number[]): void {
  if (statuses.includes(r.status)) return;
  throw new TestFailure(`${vendor} ${r.operationId}: expected status ${statuses.join(' or ')}, received ${r.status}; body: ${body(r)}`);
}

type TypeMatcher = StringConstructor | NumberConstructor | BooleanConstructor;
const TYPES = new Map<unknown, string>([
  [String, 'string'],
  [Number, 'number'],
  [Boolean, 'boolean'],
]);

/** Where `value` differs from `pattern` (a JSON pointer and what differs), or undefined when it matches. */
export function mismatch(value: unknown, pattern: unknown, pointer = ''): string | undefined {
  const type = TYPES.get(pattern as TypeMatcher);
  if (type) return typeof value === type ? undefined : `${pointer || '/'}: expected any ${type}, received ${describe(value, pointer)}`;
  if (pattern instanceof RegExp) return typeof value === 'string' && pattern.test(value) ? undefined : `${pointer || '/'}: expected a string matching ${pattern}, received ${describe(value, pointer)}`;
  if (Array.isArray(pattern)) {
    if (!Array.isArray(value) || value.length !== pattern.length) return `${pointer || '/'}: expected an array of ${pattern.length}, received ${describe(value, pointer)}`;
    for (let i = 0; i < pattern.length; i++) {
      const m = mismatch(value[i], pattern[i], `${pointer}/${i}`);
      if (m) return m;
    }
    return undefined;
  }
  if (pattern !== null && typeof pattern === 'object') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return `${pointer || '/'}: expected an object, received ${describe(value, pointer)}`;
    for (const [key, sub] of Object.entries(pattern)) {
      const m = mismatch((value as Record<string, unknown>)[key], sub, `${pointer}/${key}`);
      if (m) return m;
    }
    return undefined;
  }
  return Object.is(value, pattern) ? undefined : `${pointer || '/'}: expected ${JSON.stringify(pattern)}, received ${describe(value, pointer)}`;
}

/** A value as a message shows it; a value under a secret's name (token, password, …) is never shown. */
function describe(value: unknown, pointer = ''): string {
  if (value === undefined) return 'nothing';
  const key = pointer.slice(pointer.lastIndexOf('/') + 1);
  if (typeof value === 'string' && key && redactField(key, value) !== value) return 'a string (redacted)';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value !== null && typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}

export function expectJson(vendor: string, r: CallResult, pattern: unknown): void {
  const m = mismatch(r.json, pattern);
  if (m) throw new TestFailure(`${vendor} ${r.operationId} answered ${r.status}, not as expected at ${m}; body: ${body(r)}`);
}
