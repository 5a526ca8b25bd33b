import { bodyAjv, parameterAjv, type AjvKind, type ValidateFunction } from './ajv';
import { baseMediaType } from './media-and-pointer';
import type { LoadedSpec, OperationSpec, ParameterSpec, SchemaObject } from './operations';

/** An operation with every validator it needs compiled, once, at start-up. */
export interface CompiledOperation extends OperationSpec {
  /** The request media types the spec documents, without parameters such as charset. */
  requestMediaTypes: string[];
  /** Request body validators by media type (without parameters such as charset). */
  bodyValidators: Map<string, ValidateFunction>;
  /** Validators of query, header and path parameters; absent when the operation has none of that kind. */
  parameterValidators: Partial<Record<ParameterSpec['in'], ValidateFunction>>;
  /** Response body validators: status → media type → validator. */
  responseValidators: Map<string, Map<string, ValidateFunction>>;
  /**
   * Response header validators by status, over an object of the headers that
   * came back (lower-case names, string values coerced to the schema's type).
   * Whether a required header is there at all is checked on its own.
   */
  responseHeaderValidators: Map<string, ValidateFunction>;
}

export interface CompiledSpec extends Omit<LoadedSpec, 'operations'> {
  operations: CompiledOperation[];
  byOperationId: Map<string, CompiledOperation>;
}

/** Where a validator goes in a CompiledOperation. */
type Slot =
  | { to: 'body'; mediaType: string }
  | { to: 'parameters'; location: ParameterSpec['in'] }
  | { to: 'response'; status: string; mediaType: string }
  | { to: 'responseHeaders'; status: string };

/** One validator an operation needs: which Ajv compiles it, from what, and where it goes. */
export interface PlannedValidator {
  kind: AjvKind;
  schema: SchemaObject;
  /** Names the schema in a compile error. */
  where: string;
  slot: Slot;
}

/**
 * Every validator of an operation, in a fixed order. Compiling at start-up and
 * generating code at build time (precompiled.ts) both walk this one list, so
 * the two cannot disagree on which schemas an operation checks.
 */
export function validatorPlan(op: OperationSpec): PlannedValidator[] {
  const where = `${op.spec} ${op.operationId}`;
  const plan: PlannedValidator[] = [];
  for (const [type, m] of Object.entries(op.requestBody?.content ?? {})) {
    if (m.schema) plan.push({ kind: 'body', schema: m.schema, where: `${where} request ${type}`, slot: { to: 'body', mediaType: baseMediaType(type) } });
  }
  for (const location of ['query', 'header', 'path'] as const) {
    const params = op.parameters.filter((p) => p.in === location);
    if (params.length === 0) continue;
    // Header names are case-insensitive; Node lower-cases them, so the schema does too.
    const key = (p: ParameterSpec): string => (location === 'header' ? p.name.toLowerCase() : p.name);
    const schema: SchemaObject = {
      type: 'object',
      properties: Object.fromEntries(params.map((p) => [key(p), p.schema ?? {}])),
      required: params.filter((p) => p.required).map(key),
    };
    if (schema.required?.length === 0) delete schema.required;
    plan.push({ kind: 'parameter', schema, where: `${where} ${location} parameters`, slot: { to: 'parameters', location } });
  }
  for (const [status, r] of Object.entries(op.responses)) {
    for (const [type, m] of Object.entries(r.content)) {
      if (m.schema) plan.push({ kind: 'body', schema: m.schema, where: `${where} response ${status} ${type}`, slot: { to: 'response', status, mediaType: baseMediaType(type) } });
    }
  }
  for (const [status, r] of Object.entries(op.responses)) {
    const typed = Object.entries(r.headers).filter(([, h]) => h.schema);
    if (typed.length === 0) continue;
    const schema: SchemaObject = { type: 'object', properties: Object.fromEntries(typed.map(([name, h]) => [name, h.schema!])) };
    plan.push({ kind: 'parameter', schema, where: `${where} response ${status} headers`, slot: { to: 'responseHeaders', status } });
  }
  return plan;
}

/** Puts the validators of `validatorPlan(op)`, in its order, into their places. */
export function assembleOperation(op: OperationSpec, plan: readonly PlannedValidator[], validators: readonly ValidateFunction[]): CompiledOperation {
  const bodyValidators = new Map<string, ValidateFunction>();
  const parameterValidators: CompiledOperation['parameterValidators'] = {};
  // Every documented status has an entry, even one with no schema to check.
  const responseValidators = new Map<string, Map<string, ValidateFunction>>(Object.keys(op.responses).map((status) => [status, new Map()]));
  const responseHeaderValidators = new Map<string, ValidateFunction>();
  plan.forEach(({ slot }, i) => {
    const validate = validators[i];
    if (slot.to === 'body') bodyValidators.set(slot.mediaType, validate);
    else if (slot.to === 'parameters') parameterValidators[slot.location] = validate;
    else if (slot.to === 'response') responseValidators.get(slot.status)!.set(slot.mediaType, validate);
    else responseHeaderValidators.set(slot.status, validate);
  });
  const requestMediaTypes = Object.keys(op.requestBody?.content ?? {}).map(baseMediaType);
  return { ...op, requestMediaTypes, bodyValidators, parameterValidators, responseValidators, responseHeaderValidators };
}

export function compileSpec(spec: LoadedSpec): CompiledSpec {
  const operations = spec.operations.map((op) => compileOperation(op));
  return withOperations(spec, operations);
}

export function withOperations(spec: Omit<LoadedSpec, 'operations'>, operations: CompiledOperation[]): CompiledSpec {
  return { ...spec, operations, byOperationId: new Map(operations.map((o) => [o.operationId, o])) };
}

export function compileOperation(op: OperationSpec): CompiledOperation {
  const plan = validatorPlan(op);
  return assembleOperation(op, plan, plan.map((p) => compile(p)));
}

function compile({ kind, schema, where }: PlannedValidator): ValidateFunction {
  try {
    return (kind === 'body' ? bodyAjv() : parameterAjv()).compile(schema);
  } catch (err) {
    throw new Error(`Cannot compile the schema of ${where}: ${(err as Error).message}`);
  }
}
