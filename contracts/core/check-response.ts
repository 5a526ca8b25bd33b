import { toFieldErrors } from './ajv';
import type { CompiledOperation } from './compile';
import { baseMediaType, isJsonMediaType, pointerTokens, valueAtPointer } from './media-and-pointer';
import type { ResponseSpec } from './operations';
import { REDACTED, redact, redactBody, redactField, redactText } from './redact';

/** One response as it came back, independent of any HTTP client. */
export interface ObservedResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string | string[] | undefined>;
  /** The body as received; '' when there was none. */
  text: string;
}

export type CheckName = 'status' | 'content-type' | 'body' | 'no-body' | 'header';

export interface Violation {
  /** `spec operationId`, e.g. `some-vendor login`. */
  operation: string;
  check: CheckName;
  /** JSON pointer into the body (`/token`), or the header name, or '' for the whole response. */
  pointer: string;
  expected: string;
  actual: string;
  /** What the spec does allow here: statuses, media types or header names. */
  allowed: string[];
  /** Everything above in one sentence. */
  message: string;
}

/** Which documented response a status falls under: exact, then `4XX`, then `default`. */
export function documentedResponse(op: CompiledOperation, status: number): ResponseSpec | undefined {
  return op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
}

const truncate = (s: string, n = 200): string => (s.length > n ? `${s.slice(0, n)}…` : s);

// What came back goes into messages, reports and CI logs, so it is shown redacted.
const shownText = (text: string): string => truncate(redactBody(text));
const shownHeader = (name: string, value: string): string => (redactField(name, value) === REDACTED ? REDACTED : redactText(value));
function shownValue(pointer: string, value: unknown): string {
  const key = pointerTokens(pointer).pop();
  return truncate(JSON.stringify(key === undefined ? redact(value) : redactField(key, value)) ?? String(value));
}

/**
 * Checks one response against its operation: a documented status, a
 * documented content type (and no body where none is documented), the body
 * against the schema, and documented headers (present when required, valid
 * against their schema). Values that came back are shown redacted.
 */
export function checkResponse(op: CompiledOperation, res: ObservedResponse): Violation[] {
  const operation = `${op.spec} ${op.operationId}`;
  const out: Violation[] = [];
  const add = (check: CheckName, pointer: string, expected: string, actual: string, allowed: string[], sentence: string): void => {
    out.push({ operation, check, pointer, expected, actual, allowed, message: `${operation}: ${sentence}` });
  };

  const documented = documentedResponse(op, res.status);
  if (!documented) {
    const allowed = Object.keys(op.responses);
    add('status', '', `one of ${allowed.join(', ')}`, String(res.status), allowed, `status ${res.status} is not documented; the operation documents ${allowed.join(', ')}`);
    return out;
  }
  const status = documented.status;

  checkHeaders(op, documented, res, add);

  const mediaTypes = Object.keys(documented.content);
  const contentTypeHeader = res.headers['content-type'];
  const contentType = typeof contentTypeHeader === 'string' ? baseMediaType(contentTypeHeader) : '';
  if (mediaTypes.length === 0) {
    if (res.text !== '') add('no-body', '', 'no body', shownText(res.text), [], `response ${status} documents no body, but one came back (${contentType || 'no content type'})`);
    return out;
  }
  if (res.text === '') {
    if (!documented.bodyOptional) add('body', '', `a body of type ${mediaTypes.join(' or ')}`, 'no body', mediaTypes, `response ${status} documents a body, but none came back`);
    return out;
  }
  if (!mediaTypes.map(baseMediaType).includes(contentType)) {
    add('content-type', '', mediaTypes.join(' or '), contentType || '(none)', mediaTypes, `response ${status} has content type '${contentType || '(none)'}'; the spec documents ${mediaTypes.join(', ')}`);
    return out;
  }
  const validate = op.responseValidators.get(status)?.get(contentType);
  if (!validate) return out;
  let body: unknown = res.text;
  if (isJsonMediaType(contentType)) {
    try {
      body = JSON.parse(res.text);
    } catch {
      add('body', '', `JSON (${contentType})`, shownText(res.text), mediaTypes, `response ${status} says ${contentType} but its body is not JSON`);
      return out;
    }
  }
  if (!validate(body)) {
    for (const e of toFieldErrors(validate.errors)) {
      const value = valueAtPointer(body, e.pointer);
      const shown = value === undefined ? undefined : shownValue(e.pointer, value);
      add('body', e.pointer || '/', e.message.replace(/^\S+ /, ''), shown ?? 'missing', [], `response ${status} body at ${e.pointer || '/'}: ${e.message} (got ${shown ?? 'nothing'})`);
    }
  }
  return out;
}

type Add = (check: CheckName, pointer: string, expected: string, actual: string, allowed: string[], sentence: string) => void;

/** Documented headers: present when required, and their values valid against their full schema. */
function checkHeaders(op: CompiledOperation, documented: ResponseSpec, res: ObservedResponse, add: Add): void {
  const names = Object.keys(documented.headers);
  const present: Record<string, string> = {};
  for (const [name, header] of Object.entries(documented.headers)) {
    const raw = res.headers[name];
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    if (value === undefined) {
      if (header.required) add('header', name, `header ${name}`, 'no such header', names, `response ${documented.status} must have the header ${name}`);
      continue;
    }
    present[name] = value;
  }
  const validate = op.responseHeaderValidators.get(documented.status);
  if (!validate || Object.keys(present).length === 0 || validate({ ...present })) return;
  for (const e of toFieldErrors(validate.errors)) {
    const name = pointerTokens(e.pointer)[0] ?? '';
    const value = shownHeader(name, present[name] ?? '');
    const allowedValues = (documented.headers[name]?.schema?.enum ?? []) as unknown[];
    if (e.keyword === 'enum') {
      add('header', name, `one of ${allowedValues.join(', ')}`, value, allowedValues.map(String), `header ${name} is '${value}'; the spec allows ${allowedValues.join(', ')}`);
    } else {
      const rule = e.message.replace(/^\S+ /, '');
      add('header', name, rule, value, allowedValues.map(String), `header ${name} is '${value}', but it ${rule}`);
    }
  }
}
