import zlib from 'node:zlib';
import fc from 'fast-check';
import type { CompiledOperation } from '../../contracts/core';
import { schemaArbitrary, type SchemaArbitraryOptions } from './schema-arbitrary';

/** A body as generated: how it was made (for the report) and its bytes. */
export interface FuzzBody {
  kind: string;
  /** The media type this body was written for (before the case picks a Content-Type). */
  mediaType: string;
  bytes: Buffer;
}

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Body bytes for a value in a media type: JSON, or a form of its top-level fields. */
export function serialise(value: unknown, mediaType: string): Buffer {
  if (mediaType === FORM_TYPE && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(value)) form.append(k, typeof v === 'string' ? v : JSON.stringify(v) ?? '');
    return Buffer.from(form.toString());
  }
  return Buffer.from(JSON.stringify(value) ?? '');
}

/** A schema-valid object made wrong in one way, as clients get it wrong. */
function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, fc.nat({ max: 6 }), fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 12 }))
    .map(([value, how, other, key]) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return other;
      const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      const keys = Object.keys(copy);
      const target = keys.length ? keys[how % keys.length] : key;
      switch (how) {
        case 0:
          delete copy[target];
          return copy;
        case 1:
          copy[target] = other;
          return copy;
        case 2:
          copy[key || 'extra'] = other;
          return copy;
        case 3:
          return [copy];
        case 4:
          // JSON.stringify, not String(): fast-check makes objects without a prototype, which String() cannot convert.
          copy[target] = typeof copy[target] === 'string' ? `${copy[target] as string}${key}`.repeat(50) : (JSON.stringify(copy[target]) ?? 'undefined');
          return copy;
        case 5:
          return Object.fromEntries(keys.map((k) => [k.toUpperCase(), copy[k]]));
        default:
          copy[target] = null;
          return copy;
      }
    });
}

/** Bodies no schema produces: broken syntax, odd sizes, depth, many fields. */
function rawBodies(mediaType: string): fc.Arbitrary<FuzzBody> {
  const raw = (kind: string, bytes: fc.Arbitrary<Buffer>): fc.Arbitrary<FuzzBody> => bytes.map((b) => ({ kind, mediaType, bytes: b }));
  return fc.oneof(
    raw('garbage bytes', fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a))),
    raw('truncated JSON', fc.jsonValue({ maxDepth: 3 }).chain((v) => {
      const text = JSON.stringify(v);
      return fc.nat({ max: Math.max(text.length - 1, 0) }).map((n) => Buffer.from(text.slice(0, n)));
    })),
    raw('empty', fc.constant(Buffer.alloc(0))),
    raw('deep nesting', fc.integer({ min: 500, max: 20000 }).map((n) => Buffer.from('['.repeat(n) + ']'.repeat(n)))),
    raw('over 100 kB', fc.integer({ min: 100 * 1024 + 1, max: 300 * 1024 }).map((n) => Buffer.from(`{"x":"${'a'.repeat(n)}"}`))),
    raw('many form fields', fc.integer({ min: 900, max: 3000 }).map((n) => Buffer.from(Array.from({ length: n }, (_, i) => `f${i}=${i}`).join('&')))),
    raw('prototype keys', fc.constantFrom('{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', '__proto__[x]=1&constructor=2').map((s) => Buffer.from(s))),
    raw('JSON scalar', fc.constantFrom('null', 'true', '0', '"x"', '[]', '1e999', '-0', '"\\ud800"').map((s) => Buffer.from(s))),
  );
}

/** Every kind of body for one operation: valid by its schema, examples, mutated, free-form and raw. */
export function bodyArbitrary(op: CompiledOperation, options: SchemaArbitraryOptions): fc.Arbitrary<FuzzBody | undefined> {
  const content = op.requestBody?.content ?? {};
  const types = Object.keys(content);
  if (types.length === 0) {
    return fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 8 },
      { arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => ({ kind: 'unexpected body', mediaType: JSON_TYPE, bytes: serialise(v, JSON_TYPE) })), weight: 1 },
      { arbitrary: rawBodies(JSON_TYPE), weight: 1 },
    );
  }
  const perType = types.map((type) => {
    const media = content[type];
    const valid = schemaArbitrary(media.schema, options);
    const value = (kind: string, arb: fc.Arbitrary<unknown>): fc.Arbitrary<FuzzBody> => arb.map((v) => ({ kind, mediaType: type, bytes: serialise(v, type) }));
    const examples = media.examples.map((e) => e.value);
    return fc.oneof(
      { arbitrary: value('valid by schema', valid), weight: 8 },
      { arbitrary: examples.length ? value('spec example', fc.constantFrom(...examples)) : value('valid by schema', valid), weight: 2 },
      { arbitrary: value('mutated', mutated(valid)), weight: 4 },
      { arbitrary: value('free-form JSON', fc.jsonValue({ maxDepth: 3 })), weight: 1 },
      { arbitrary: rawBodies(type), weight: 2 },
    );
  });
  const body = fc.oneof(...perType);
  return op.requestBody?.required ? fc.oneof({ arbitrary: body, weight: 19 }, { arbitrary: fc.constant(undefined), weight: 1 }) : fc.option(body, { freq: 4 });
}

export type Encoding = { name: string; header?: string; corrupt: boolean };

export const encodingArbitrary: fc.Arbitrary<Encoding> = fc.oneof(
  { arbitrary: fc.constant({ name: 'none', corrupt: false }), weight: 14 },
  { arbitrary: fc.constantFrom('gzip', 'deflate', 'br').map((e) => ({ name: e, header: e, corrupt: false })), weight: 3 },
  { arbitrary: fc.constantFrom('gzip', 'deflate', 'br').map((e) => ({ name: `corrupt ${e}`, header: e, corrupt: true })), weight: 1 },
  { arbitrary: fc.constantFrom('identity', 'compress', 'x-unknown', 'gzip, br', 'GZIP').map((e) => ({ name: e, header: e, corrupt: false })), weight: 1 },
);

/** The body bytes as sent with a Content-Encoding: compressed for real, or bytes that do not decode. */
export function encode(bytes: Buffer, encoding: Encoding): Buffer {
  if (encoding.corrupt) return Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), bytes.subarray(0, 64), Buffer.from('not compressed')]);
  switch (encoding.header) {
    case 'gzip':
    case 'GZIP':
      return zlib.gzipSync(bytes);
    case 'deflate':
      return zlib.deflateSync(bytes);
    case 'br':
      return zlib.brotliCompressSync(bytes);
    case 'gzip, br':
      return zlib.brotliCompressSync(zlib.gzipSync(bytes));
    default:
      return bytes;
  }
}
