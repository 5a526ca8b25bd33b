import type { OpenAPIV3 } from 'openapi-types';
import { extractOperations, type SchemaObject } from './operations';
import { boundRequestStrings, stringBound } from './string-bounds';

function spec(bound: unknown): OpenAPIV3.Document & Record<string, unknown> {
  const body: SchemaObject = {
    type: 'object',
    properties: {
      free: { type: 'string' },
      stated: { type: 'string', maxLength: 64 },
      listed: { type: 'string', enum: ['a', 'b'] },
      nested: { type: 'array', items: { type: 'object', properties: { deep: { type: 'string' } } } },
      count: { type: 'integer' },
    },
  };
  return {
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    'x-max-string-length': bound,
    paths: { '/x/{id}': { post: { operationId: 'x', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], requestBody: { content: { 'application/json': { schema: body } } }, responses: { '200': { description: 'ok' } } } } },
  };
}

test('every request string without a bound of its own gets the spec’s, in bodies, arrays and parameters; stated bounds and enums stay', () => {
  const doc = spec({ value: 100, 'x-inferred': true, description: 'none published' });
  const ops = extractOperations('t', '', doc);
  boundRequestStrings(doc, ops);
  const props = (ops[0].requestBody!.content['application/json'].schema as SchemaObject).properties as Record<string, SchemaObject>;
  expect([props.free.maxLength, props.stated.maxLength, props.listed.maxLength, (((props.nested as { items: SchemaObject }).items).properties!.deep as SchemaObject).maxLength, props.count.maxLength]).toEqual([100, 64, undefined, 100, undefined]);
  expect(ops[0].parameters[0].schema!.maxLength).toBe(100);
});

test.each([
  ['a number', 50, { value: 50, inferred: false, reason: undefined }],
  ['an inferred bound with its reason', { value: 2048, 'x-inferred': true, description: 'r' }, { value: 2048, inferred: true, reason: 'r' }],
  ['none', undefined, undefined],
])('reads %s', (_label, raw, expected) => {
  expect(stringBound(spec(raw))).toEqual(expected);
});

test.each([0, -1, 1.5, 'long', { value: '2048' }])('refuses %p as a bound, naming the extension', (raw) => {
  expect(() => stringBound(spec(raw))).toThrow('x-max-string-length must be a positive whole number');
});

test('a spec without the extension is left as it is', () => {
  const doc = spec(undefined);
  const ops = extractOperations('t', '', doc);
  boundRequestStrings(doc, ops);
  expect(((ops[0].requestBody!.content['application/json'].schema as SchemaObject).properties!.free as SchemaObject).maxLength).toBeUndefined();
});
