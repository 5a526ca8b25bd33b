import { checkResponse } from './check-response';
import { compileOperation } from './compile';
import type { OperationSpec } from './operations';
import { REDACTED } from './redact';

const operation: OperationSpec = {
  spec: 'example',
  operationId: 'signIn',
  method: 'post',
  path: '/sign-in',
  fullPath: '/sign-in',
  summary: '',
  security: [],
  securitySchemes: {},
  parameters: [],
  responses: {
    '200': {
      status: '200',
      description: 'OK',
      inferred: false,
      bodyOptional: false,
      content: {
        'application/json': {
          examples: [],
          schema: { type: 'object', required: ['token', 'expires'], properties: { token: { type: 'string' }, expires: { type: 'integer' }, note: { type: 'string', maxLength: 3 } } },
        },
      },
      headers: {},
    },
    '429': {
      status: '429',
      description: 'Too many',
      inferred: false,
      bodyOptional: false,
      content: {},
      headers: {
        'retry-after': { required: true, schema: { type: 'integer', minimum: 1 } },
        'x-window': { required: false, schema: { type: 'string', pattern: '^[0-9]+s$' } },
      },
    },
  },
  extensions: {},
};
const op = compileOperation(operation);
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const json = (body: unknown) => ({ status: 200, headers: { 'content-type': 'application/json' }, text: JSON.stringify(body) });

describe('response headers are checked against their whole schema', () => {
  test.each([
    ['a valid value', { 'retry-after': '30' }, []],
    ['a value of the wrong type', { 'retry-after': 'soon' }, ["example signIn: header retry-after is 'soon', but it must be of type integer"]],
    ['a value below the minimum', { 'retry-after': '0' }, ["example signIn: header retry-after is '0', but it must be >= 1"]],
    ['a value breaking a pattern', { 'retry-after': '5', 'x-window': '60 seconds' }, ['example signIn: header x-window is \'60 seconds\', but it does not match the pattern ^[0-9]+s$']],
    ['a missing required header', {}, ['example signIn: response 429 must have the header retry-after']],
  ])('%s', (_label, headers, messages) => {
    expect(checkResponse(op, { status: 429, headers, text: '' }).map((v) => v.message)).toEqual(messages);
  });
});

describe('what came back is shown redacted', () => {
  test('a secret field of the wrong type is named, its value is not', () => {
    const [violation] = checkResponse(op, json({ token: 123456789, expires: 1 }));
    expect(violation).toMatchObject({ pointer: '/token', actual: JSON.stringify(REDACTED) });
    expect(violation.message).not.toContain('123456789');
  });

  test('a JWT inside another field is cut out', () => {
    const [violation] = checkResponse(op, json({ token: 'x', expires: 1, note: `see ${JWT}` }));
    expect(violation.pointer).toBe('/note');
    expect(violation.message).not.toContain(JWT);
  });

  test('a body that is not JSON is shown without its secrets', () => {
    const [violation] = checkResponse(op, { status: 200, headers: { 'content-type': 'application/json' }, text: `{"auth_token":"s3cr3t-value", "x": ${JWT}` });
    expect(violation.check).toBe('body');
    expect(violation.actual).not.toContain('s3cr3t-value');
    expect(violation.actual).not.toContain(JWT);
  });

  test('a missing field still says what was missing', () => {
    expect(checkResponse(op, json({ token: 'x' })).map((v) => v.message)).toEqual(['example signIn: response 200 body at /expires: expires is required (got nothing)']);
  });
});
