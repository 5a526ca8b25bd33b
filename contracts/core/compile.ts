import { bodyAjv, parameterAjv, type ValidateFunction } from './ajv';
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

export function compileSpec(spec: LoadedSpec): CompiledSpec {
  const operations = spec.operations.map((op) => compileOperation(op));
  return { ...spec, operations, byOperationId: new Map(operations.map((o) => [o.operationId, o])) };
}

export function compileOperation(op: OperationSpec): CompiledOperation {
  const where = `${op.spec} ${op.operationId}`;
  const bodyValidators = new Map<string, ValidateFunction>();
  for (const [type, m] of Object.entries(op.requestBody?.content ?? {})) {
    if (m.schema) bodyValidators.set(baseMediaType(type), compile(bodyAjv, m.schema, `${where} request ${type}`));
  }
  const parameterValidators: CompiledOperation['parameterValidators'] = {};
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
    parameterValidators[location] = compile(parameterAjv, schema, `${where} ${location} parameters`);
  }
  const responseValidators = new Map<string, Map<string, ValidateFunction>>();
  for (const [status, r] of Object.entries(op.responses)) {
    const byType = new Map<string, ValidateFunction>();
    for (const [type, m] of Object.entries(r.content)) {
      if (m.schema) byType.set(baseMediaType(type), compile(bodyAjv, m.schema, `${where} response ${status} ${type}`));
    }
    responseValidators.set(status, byType);
  }
  const responseHeaderValidators = new Map<string, ValidateFunction>();
  for (const [status, r] of Object.entries(op.responses)) {
    const typed = Object.entries(r.headers).filter(([, h]) => h.schema);
    if (typed.length === 0) continue;
    const schema: SchemaObject = { type: 'object', properties: Object.fromEntries(typed.map(([name, h]) => [name, h.schema!])) };
    responseHeaderValidators.set(status, compile(parameterAjv, schema, `${where} response ${status} headers`));
  }
  const requestMediaTypes = Object.keys(op.requestBody?.content ?? {}).map(baseMediaType);
  return { ...op, requestMediaTypes, bodyValidators, parameterValidators, responseValidators, responseHeaderValidators };
}

function compile(ajv: typeof bodyAjv, schema: SchemaObject, where: string): ValidateFunction {
  try {
    return ajv.compile(schema);
  } catch (err) {
    throw new Error(`Cannot compile the schema of ${where}: ${(err as Error).message}`);
  }
}
