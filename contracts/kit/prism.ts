import { documentedResponse, redactText, type Violation } from '../core';
import type { ResponseCheck } from './client';

/**
 * What a Prism validation proxy (`prism proxy`) found wrong with an answer, as
 * violations: its `sl-violations` header, less what our spec explicitly allows
 * and Prism cannot know (an empty body on a response marked x-body-optional,
 * which OpenAPI 3.0 cannot express). Only the Prism run adds this check.
 */
export const prismViolations: ResponseCheck = (op, response) => {
  const raw = response.headers['sl-violations'];
  const header = Array.isArray(raw) ? raw.join(', ') : raw;
  if (!header) return [];
  const emptyBodyAllowed = documentedResponse(op, response.status)?.bodyOptional === true && response.text === '';
  const remainder = remaining(header, emptyBodyAllowed);
  if (remainder === undefined) return [];
  const kept = redactText(remainder);
  const violation: Violation = {
    operation: `${op.spec} ${op.operationId}`,
    check: 'body',
    pointer: '',
    expected: 'no sl-violations header',
    actual: kept,
    allowed: [],
    message: `${op.spec} ${op.operationId}: the Prism proxy reported violations: ${kept}`,
  };
  return [violation];
};

function remaining(header: string, emptyBodyAllowed: boolean): string | undefined {
  let list: { location?: string[] }[];
  try {
    list = JSON.parse(header) as { location?: string[] }[];
  } catch {
    return header;
  }
  const kept = emptyBodyAllowed ? list.filter((v) => v.location?.[0] !== 'response') : list;
  return kept.length ? JSON.stringify(kept) : undefined;
}
