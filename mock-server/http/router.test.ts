import request from 'supertest';
import { consoleLogger } from '../domain/logger';
import { nodeListener } from './node/adapter';
import { pipeline } from './pipeline';
import { send } from './responder';
import { compileSpec, type HttpMethod, type OperationSpec } from '../../contracts/core';
import { methodNotAllowed, OperationTable, type MountedApi } from './router';
import type { PlainApiModule } from './types';

/** `[api, operationId, 'METHOD /path']`: one operation of a made-up spec. */
type Op = [api: string, id: string, route: string];

function operation([api, id, route]: Op): OperationSpec {
  const [method, path] = route.split(' ');
  return { spec: api, operationId: id, method: method.toLowerCase() as HttpMethod, path, fullPath: path, summary: '', security: [], securitySchemes: {}, parameters: [], responses: {}, extensions: {} };
}

/** The APIs the operations belong to, in the order each first appears; each answers a 405 with its own name, to tell the envelopes apart. */
function mount(ops: readonly Op[]): MountedApi[] {
  const names = [...new Set(ops.map(([api]) => api))];
  return names.map((name, index) => {
    const module: PlainApiModule = { id: name, handlers: {}, createState: () => undefined, mapError: () => ({ status: 405, body: { api: name } }) };
    const document = { openapi: '3.0.3', info: { title: name, version: '1' }, paths: {} };
    const spec = compileSpec({ name, file: `${name}.openapi.yaml`, document, basePath: '', operations: ops.filter(([a]) => a === name).map(operation) });
    return { module, spec, index };
  });
}

/** Every order of `items`: the table must not care which one the specs chose. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

describe('start-up refuses two operations on one method and path', () => {
  test.each<[string, Op[], string[]]>([
    ['the same exact path in two APIs', [['a', 'one', 'GET /x'], ['b', 'two', 'GET /x']], ['a one (GET /x) and b two (GET /x)']],
    ['the same exact path twice in one API', [['a', 'one', 'POST /x/y'], ['a', 'two', 'POST /x/y']], ['a one (POST /x/y) and a two (POST /x/y)']],
    ['templated paths that differ only in parameter names', [['a', 'one', 'GET /a/{x}'], ['b', 'two', 'GET /a/{y}']], ['a one (GET /a/{x}) and b two (GET /a/{y})']],
    ['segments mixing text and a parameter that differ only in its name', [['a', 'one', 'GET /f/{x}.json'], ['a', 'two', 'GET /f/{y}.json']], ['a one (GET /f/{x}.json) and a two (GET /f/{y}.json)']],
    [
      'several pairs, all named at once',
      [['a', 'one', 'GET /x'], ['a', 'two', 'DELETE /u/{id}'], ['b', 'three', 'GET /x'], ['b', 'four', 'DELETE /u/{name}']],
      ['a one (GET /x) and b three (GET /x)', 'a two (DELETE /u/{id}) and b four (DELETE /u/{name})'],
    ],
  ])('%s', (_case, ops, pairs) => {
    expect(() => new OperationTable(mount(ops))).toThrow(`Operations answer the same method and path:\n  - ${pairs.join('\n  - ')}`);
  });

  test.each<[string, Op[]]>([
    ['one path with two methods', [['a', 'one', 'GET /x/{id}'], ['b', 'two', 'DELETE /x/{id}']]],
    ['a template and an exact path it would match', [['a', 'one', 'GET /x/{id}'], ['a', 'two', 'GET /x/me']]],
    ['two templates with their parameters in different places', [['a', 'one', 'GET /x/{id}/y'], ['a', 'two', 'GET /x/y/{id}']]],
  ])('but accepts %s', (_case, ops) => {
    expect(() => new OperationTable(mount(ops))).not.toThrow();
  });
});

// Each request names the operation that must serve it, whichever order the operations are listed in.
describe.each<[string, Op[], [string, string, string | undefined][]]>([
  [
    'an exact path beats a template',
    [['emnify', 'mfa', 'POST /api/v1/user/mfa'], ['emnify', 'status', 'GET /api/v1/user/mfa/status'], ['emnify', 'byUser', 'GET /api/v1/user/{user_id}'], ['emnify', 'byKey', 'GET /api/v1/user/mfa/{key_id}']],
    [['GET', '/api/v1/user/mfa/status', 'status'], ['GET', '/api/v1/user/mfa/7', 'byKey'], ['GET', '/api/v1/user/mfa', 'byUser'], ['POST', '/api/v1/user/mfa', 'mfa'], ['GET', '/api/v1/user/42', 'byUser']],
  ],
  [
    'more literal segments beat fewer',
    [['a', 'any', 'GET /api/v1/user/{id}/{x}'], ['a', 'mfa', 'GET /api/v1/user/{id}/mfa'], ['b', 'both', 'GET /api/v1/{kind}/{id}/{x}']],
    [['GET', '/api/v1/user/5/mfa', 'mfa'], ['GET', '/api/v1/user/5/keys', 'any'], ['GET', '/api/v1/group/5/mfa', 'both'], ['GET', '/api/v2/user/5/mfa', undefined]],
  ],
  [
    'with as many literals, the first differing segment decides',
    [['a', 'late', 'GET /a/{x}/c'], ['a', 'early', 'GET /a/b/{y}'], ['a', 'none', 'GET /a/{x}/{y}']],
    [['GET', '/a/b/c', 'early'], ['GET', '/a/b/z', 'early'], ['GET', '/a/z/c', 'late'], ['GET', '/a/z/z', 'none']],
  ],
  [
    'a segment mixing text and a parameter beats a bare parameter',
    [['a', 'bare', 'GET /files/{name}'], ['a', 'json', 'GET /files/{name}.json']],
    [['GET', '/files/x.json', 'json'], ['GET', '/files/x.xml', 'bare']],
  ],
  [
    'a request tries only its own method’s templates',
    [['a', 'specific', 'DELETE /u/{id}/keys'], ['a', 'general', 'GET /u/{id}/{part}']],
    [['GET', '/u/1/keys', 'general'], ['DELETE', '/u/1/keys', 'specific'], ['DELETE', '/u/1/other', undefined]],
  ],
])('%s', (_rule, ops, requests) => {
  test.each(requests)('%s %s is served by %s in every order of the operations', (method, path, expected) => {
    for (const order of permutations(ops)) {
      expect(new OperationTable(mount(order)).find(method, path)?.op.operationId).toBe(expected);
    }
  });
});

test('a template with x-yields-to-literal-paths never takes an exact path of another operation, so another method there is a 405', () => {
  const [api] = mount([
    ['a', 'signup', 'POST /users/signup'],
    ['a', 'get', 'GET /users/{id}'],
    ['a', 'put', 'PUT /users/{id}'],
  ]);
  for (const op of api.spec.operations) if (op.path.includes('{')) op.extensions['x-yields-to-literal-paths'] = true;
  const yielding = new OperationTable([api]);
  expect([yielding.find('GET', '/users/signup'), yielding.find('GET', '/users/7')?.op.operationId]).toEqual([undefined, 'get']);
  expect(yielding.allowed('/users/signup')?.methods).toEqual(['POST']);
  // Without the extension, the template takes the path as an id, as before.
  for (const op of api.spec.operations) delete op.extensions['x-yields-to-literal-paths'];
  expect(new OperationTable([api]).find('GET', '/users/signup')?.op.operationId).toBe('get');
});

test('path parameters are decoded, and a malformed escape is passed on as written', () => {
  const table = new OperationTable(mount([['a', 'one', 'GET /u/{id}/{part}']]));
  expect(table.find('GET', '/u/a%20b/%E0%A4')?.params).toEqual({ id: 'a b', part: '%E0%A4' });
});

describe('the 405 fallback agrees with the matching', () => {
  const ops: Op[] = [
    ['admin', 'list', 'GET /users'],
    ['admin', 'create', 'POST /users'],
    ['admin', 'patch', 'PATCH /users/{id}'],
    ['admin', 'remove', 'DELETE /users/{id}'],
    ['emnify', 'mfa', 'POST /api/v1/user/mfa'],
    ['emnify', 'byUser', 'GET /api/v1/user/{user_id}'],
    ['emnify', 'keyPatch', 'PATCH /api/v1/user/mfa/{key_id}'],
    ['other', 'any', 'PUT /api/v1/user/{id}/{x}'],
    ['emnify', 'keyDelete', 'DELETE /api/v1/user/{user_id}/mfa/{key_id}'],
  ];
  const table = new OperationTable(mount(ops));
  // What operationStage does, without the worlds: the table's operation answers.
  const app = nodeListener(
    pipeline(
      [
        (req, res, next) => {
          const found = table.find(req.method, req.path);
          if (found) send(res, { status: 200, body: { op: found.op.operationId } });
          else next();
        },
        methodNotAllowed(table),
        (_req, res) => send(res, { status: 404, body: {} }),
      ],
      consoleLogger,
    ),
  );

  // [method, path, status, Allow, the API whose envelope the 405 is in]
  const answers: [string, string, number, string?, string?][] = [
    ['GET', '/users', 200],
    ['DELETE', '/users', 405, 'GET, POST', 'admin'],
    ['GET', '/users/7', 405, 'PATCH, DELETE', 'admin'],
    ['POST', '/api/v1/user/42', 405, 'GET', 'emnify'],
    ['DELETE', '/api/v1/user/mfa', 405, 'POST, GET', 'emnify'],
    ['GET', '/api/v1/user/mfa/3', 405, 'PATCH, PUT', 'emnify'],
    ['GET', '/api/v1/user/5/keys', 405, 'PUT', 'other'],
    ['GET', '/api/v1/user/5/mfa/2', 405, 'DELETE', 'emnify'],
    ['GET', '/api/v1/nothing/here/at/all', 404],
  ];
  const title = ([method, path, status, allow, api]: (typeof answers)[number]): string =>
    `${method} ${path} ${status === 405 ? `answers 405 with Allow: ${allow}, in the ${api} envelope` : `answers ${status}`}`;

  // Every row padded to full length: jest hands a shorter row's missing places a `done` callback.
  test.each(answers.map((a) => [title(a), a[0], a[1], a[2], a[3], a[4]] as const))('%s', async (_title, method, path, status, allow, api) => {
    const res = await request(app)[method.toLowerCase() as 'get'](path).expect(status);
    expect(res.headers.allow).toBe(allow);
    if (api) expect(res.body).toEqual({ api });
  });

  test('OPTIONS on a templated path lists its methods', async () => {
    const res = await request(app).options('/users/7').expect(204);
    expect(res.headers.allow).toBe('PATCH, DELETE, OPTIONS');
  });

  test.each(['/users', '/users/7', '/api/v1/user/mfa', '/api/v1/user/mfa/3', '/api/v1/user/5/keys', '/api/v1/user/5/mfa/2', '/elsewhere'])(
    'on %s, Allow names exactly the methods an operation is found for',
    (path) => {
      const served = METHODS.filter((m) => table.find(m, path) !== undefined);
      expect([...(table.allowed(path)?.methods ?? [])].sort()).toEqual(served.sort());
    },
  );
});
