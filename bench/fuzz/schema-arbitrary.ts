import fc from 'fast-check';
import type { SchemaObject } from '../../contracts/core';

/**
 * Values that (nearly always) satisfy an OpenAPI 3.0 schema, for the fuzz.
 * It covers what the specs use: types, enum, properties/required/
 * additionalProperties, allOf/oneOf/anyOf, nullable, string length, pattern
 * and the email/date-time formats, numeric bounds and arrays. A pattern with
 * look-arounds, which fast-check cannot generate from, is generated without
 * them, so those values are near-valid rather than valid.
 */
export interface SchemaArbitraryOptions {
  /** Strings offered beside generated ones for string fields: real user names, addresses, codes. */
  dictionary?: readonly string[];
  /** Upper bounds for integers, by property name: keeps a fuzz case cheap (e.g. a bulk `count`). */
  caps?: Readonly<Record<string, number>>;
  /**
   * Field values that belong together (one seeded account's address, password
   * and code): an object sometimes takes all its matching fields from one
   * record, so that valid bodies also reach the success paths.
   */
  records?: readonly Readonly<Record<string, string>>[];
  /** Nesting depth left for free-form values. */
  depth?: number;
}

type Schema = SchemaObject & { nullable?: boolean };

export function schemaArbitrary(schema: Schema | undefined, options: SchemaArbitraryOptions = {}, name = ''): fc.Arbitrary<unknown> {
  const arb = build(schema ?? {}, options, name);
  return schema?.nullable ? fc.oneof({ arbitrary: arb, weight: 9 }, { arbitrary: fc.constant(null), weight: 1 }) : arb;
}

function build(schema: Schema, options: SchemaArbitraryOptions, name: string): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
  if (schema.allOf) return mergedAllOf(schema, options, name);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => schemaArbitrary(s as Schema, options, name)));
  switch (schema.type ?? (schema.properties ? 'object' : undefined)) {
    case 'string':
      return stringArbitrary(schema, options);
    case 'integer':
      return integerArbitrary(schema, options, name);
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schemaArbitrary((schema as { items?: Schema }).items, options), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 5, 5),
      });
    case 'object':
      return objectArbitrary(schema, options);
    default:
      return fc.jsonValue({ maxDepth: options.depth ?? 2 });
  }
}

function mergedAllOf(schema: Schema, options: SchemaArbitraryOptions, name: string): fc.Arbitrary<unknown> {
  const parts = (schema.allOf ?? []) as Schema[];
  const merged: Schema = { type: 'object', properties: {}, required: [] };
  for (const part of parts) {
    Object.assign(merged.properties!, part.properties ?? {});
    merged.required!.push(...(part.required ?? []));
    if (part.type && part.type !== 'object') return build(part, options, name);
  }
  return objectArbitrary(merged, options);
}

function objectArbitrary(schema: Schema, options: SchemaArbitraryOptions): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const model = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, schemaArbitrary(s, options, key)]));
  const required = (schema.required ?? []).filter((k) => k in model);
  const known = fc.record(model, { requiredKeys: required });
  const records = (options.records ?? []).filter((r) => Object.keys(r).some((k) => k in model && isString(properties[k]) && fitsString(properties[k], r[k])));
  if (records.length) {
    const coherent = fc.constantFrom(...records).chain((r) => {
      const fields = Object.keys(model).filter((k) => k in r && isString(properties[k]) && fitsString(properties[k], r[k]));
      const fromRecord = { ...model, ...Object.fromEntries(fields.map((k) => [k, fc.constant(r[k])])) };
      return fc.record(fromRecord, { requiredKeys: [...new Set([...required, ...fields])] });
    });
    return fc.oneof({ arbitrary: known, weight: 3 }, { arbitrary: coherent, weight: 2 });
  }
  if (schema.additionalProperties === false || Object.keys(properties).length > 0) return known;
  // A map: its values follow `additionalProperties`, its keys `propertyNames` when given.
  const names = (schema as { propertyNames?: Schema }).propertyNames;
  const keys = names ? (stringArbitrary(names, {}) as fc.Arbitrary<string>) : fc.string({ minLength: 1, maxLength: 8 });
  const values = typeof schema.additionalProperties === 'object' ? schemaArbitrary(schema.additionalProperties as Schema, options) : fc.jsonValue({ maxDepth: 1 });
  return fc.dictionary(keys, values, { maxKeys: 2 });
}

const isString = (s: Schema | undefined): boolean => s?.type === 'string' && !s.enum;

/** Length and pattern; formats are left to the validator (a record's address is a real one). */
function fitsString(schema: Schema, value: string): boolean {
  const length = [...value].length;
  return length >= (schema.minLength ?? 0) && length <= (schema.maxLength ?? Infinity) && (!schema.pattern || new RegExp(schema.pattern).test(value));
}

function integerArbitrary(schema: Schema, options: SchemaArbitraryOptions, name: string): fc.Arbitrary<number> {
  const min = Math.max(schema.minimum ?? Number.MIN_SAFE_INTEGER, Number.MIN_SAFE_INTEGER);
  const cap = options.caps?.[name];
  const max = Math.min(schema.maximum ?? Number.MAX_SAFE_INTEGER, cap ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  // Small values are where the rules are; the extremes are where overflows are.
  const small = fc.integer({ min: Math.max(min, -1000), max: Math.min(max, Math.max(min, -1000) + 2000) });
  return fc.oneof({ arbitrary: small, weight: 4 }, { arbitrary: fc.integer({ min, max }), weight: 1 }, { arbitrary: fc.constantFrom(min, max), weight: 1 });
}

const LOOKAROUND = /\(\?<?[=!][^()]*\)/g;

function stringArbitrary(schema: Schema, options: SchemaArbitraryOptions): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? Math.max(minLength, 40);
  let generated: fc.Arbitrary<string>;
  if (schema.format === 'email') generated = fc.emailAddress();
  else if (schema.format === 'date-time') generated = fc.date({ noInvalidDate: true, min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z') }).map((d) => d.toISOString());
  else if (schema.pattern) generated = patternArbitrary(schema.pattern);
  else generated = fc.string({ minLength, maxLength, unit: fc.oneof({ arbitrary: fc.constantFrom('a', 'e', '-', '.', '@', '1'), weight: 3 }, { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 1 }) });
  // Only the schema's own bounds: the default cap above is for free text, and a
  // pattern may only match longer strings (a filter that never passes never ends).
  if ((schema.pattern || schema.format) && (schema.minLength !== undefined || schema.maxLength !== undefined)) {
    generated = generated.filter((s) => [...s].length >= minLength && [...s].length <= (schema.maxLength ?? Infinity));
  }
  const looksRight = (s: string): boolean => !schema.format || (schema.format === 'email' && /^[^@\s]+@[^@\s]+\.[a-z]+$/i.test(s));
  const words = (options.dictionary ?? []).filter((s) => fitsString(schema, s) && looksRight(s));
  return words.length ? fc.oneof({ arbitrary: generated, weight: 3 }, { arbitrary: fc.constantFrom(...words), weight: 2 }) : generated;
}

function patternArbitrary(pattern: string): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(new RegExp(pattern));
  } catch {
    return fc.stringMatching(new RegExp(pattern.replace(LOOKAROUND, '')));
  }
}
