import type { OperationSpec, SchemaObject } from './operations';

/**
 * Every string a request may carry has a maximum length, so nothing the mock
 * stores, mails or journals can grow without bound from one request. Where a
 * vendor states a maximum, its spec says `maxLength` on the field; every
 * other string takes the spec's `x-max-string-length` (a guess, marked
 * `x-inferred` there with its reason). Applied when a spec is loaded, so the
 * router's validation refuses an over-long field with the vendor's own 400
 * envelope, and the fuzz oracle and the contract kit see the same bound.
 */
export interface StringBound {
  value: number;
  inferred: boolean;
  reason?: string;
}

export function stringBound(document: object): StringBound | undefined {
  const raw = (document as Record<string, unknown>)['x-max-string-length'];
  if (raw === undefined) return undefined;
  const bound = (typeof raw === 'number' ? { value: raw } : raw) as { value?: unknown; 'x-inferred'?: unknown; description?: unknown };
  if (!Number.isInteger(bound.value) || (bound.value as number) < 1) throw new Error(`x-max-string-length must be a positive whole number, or {value, x-inferred, description}; got ${JSON.stringify(raw)}`);
  return { value: bound.value as number, inferred: bound['x-inferred'] === true, reason: typeof bound.description === 'string' ? bound.description : undefined };
}

function bound(schema: SchemaObject | undefined, max: number, seen: Set<object>): void {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return;
  seen.add(schema);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  // An enum or a const already bounds a string; so does a maxLength the vendor states.
  if (types.includes('string') && schema.maxLength === undefined && schema.enum === undefined) schema.maxLength = max;
  for (const sub of Object.values(schema.properties ?? {})) bound(sub as SchemaObject, max, seen);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') bound(schema.additionalProperties as SchemaObject, max, seen);
  if ('items' in schema) bound(schema.items as SchemaObject, max, seen);
  for (const alt of [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])]) bound(alt as SchemaObject, max, seen);
}

/** Sets the spec's default maximum on every request string (body and parameters) that has none. */
export function boundRequestStrings(document: object, operations: readonly OperationSpec[]): void {
  const max = stringBound(document)?.value;
  if (max === undefined) return;
  const seen = new Set<object>();
  for (const op of operations) {
    for (const media of Object.values(op.requestBody?.content ?? {})) bound(media.schema, max, seen);
    for (const p of op.parameters) bound(p.schema, max, seen);
  }
}
