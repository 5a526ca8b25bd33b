import Ajv, { type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { escapePointer, pointerTokens } from './media-and-pointer';

/**
 * The one AJV set-up of the project. The mock validates requests with it and
 * checks its own responses with it; the contract kit judges other servers with
 * it. Both must agree on what "valid" means, so nothing else creates an Ajv.
 */

// OpenAPI 3.0 annotations and our vendor extensions that may appear inside a
// schema. Declaring them keeps Ajv's strict mode on, so a typo such as
// `minLenght` in a spec fails loudly at start-up instead of validating nothing.
const OPENAPI_SCHEMA_ANNOTATIONS = ['example', 'xml', 'externalDocs', 'discriminator', 'x-inferred', 'x-authmock-enum'];

/** The two ways a value is validated: a body as sent, or parameters coerced from strings. */
export type AjvKind = 'body' | 'parameter';

const KIND_OPTIONS: Record<AjvKind, Options> = {
  // Bodies are judged as sent: no coercion, no defaults filled in.
  body: {},
  // Query, path and header values arrive as strings and are coerced to the schema's type.
  parameter: { coerceTypes: true, useDefaults: true },
};

/** An Ajv of one kind; `extra` adds options (the build's code generation sets `code`). */
export function createAjv(kind: AjvKind, extra: Options = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, strictTypes: false, ...KIND_OPTIONS[kind], ...extra });
  addFormats(ajv);
  for (const keyword of OPENAPI_SCHEMA_ANNOTATIONS) ajv.addKeyword(keyword);
  return ajv;
}

// Made on first use: a start from the build's precompiled validators needs neither.
let body: Ajv | undefined;
let parameter: Ajv | undefined;

/** Bodies are judged as sent: no coercion, no defaults filled in. */
export const bodyAjv = (): Ajv => (body ??= createAjv('body'));

/** Query, path and header values arrive as strings and are coerced to the schema's type. */
export const parameterAjv = (): Ajv => (parameter ??= createAjv('parameter'));

export type { ValidateFunction, ErrorObject };

export interface FieldError {
  /** Dotted path of the offending field, e.g. `password` or `errors.0.code`; empty for the whole body. */
  field: string;
  /** JSON pointer into the validated value, e.g. `/password`. */
  pointer: string;
  keyword: string;
  message: string;
}

/** Turns Ajv errors into field-level errors that name the field even for `required`. */
export function toFieldErrors(errors: readonly ErrorObject[] | null | undefined): FieldError[] {
  if (!errors) return [];
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errors) {
    // oneOf/anyOf/if report a summary error beside the branch errors; the
    // branch errors say more, so the summary is kept only when it is alone.
    if ((e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if') && errors.length > 1) continue;
    let pointer = e.instancePath;
    if (e.keyword === 'required') pointer += '/' + escapePointer(String(e.params.missingProperty));
    if (e.keyword === 'additionalProperties') pointer += '/' + escapePointer(String(e.params.additionalProperty));
    const field = pointerTokens(pointer).join('.');
    const message = describe(e, field);
    const key = pointer + '|' + message;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field, pointer, keyword: e.keyword, message });
  }
  return out;
}

function describe(e: ErrorObject, field: string): string {
  const name = field || 'body';
  switch (e.keyword) {
    case 'required':
      return `${name} is required`;
    case 'additionalProperties':
      return `${name} is not an allowed property`;
    case 'minLength':
      return `${name} must have at least ${String(e.params.limit)} characters`;
    case 'maxLength':
      return `${name} must have at most ${String(e.params.limit)} characters`;
    case 'pattern':
      return `${name} does not match the pattern ${String(e.params.pattern)}`;
    case 'format':
      return `${name} must be a valid ${String(e.params.format)}`;
    case 'type':
      return `${name} must be of type ${String(e.params.type)}`;
    case 'enum':
      return `${name} must be one of ${(e.params.allowedValues as unknown[]).map(String).join(', ')}`;
    default:
      return `${name} ${e.message ?? 'is invalid'}`;
  }
}
