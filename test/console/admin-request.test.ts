import { AdminApi, adminUrl, ApiError } from '../../console/src/api';

// The console's typed admin calls, run in Node against a recorded fetch.
interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

let sent: Sent[] = [];
let answer: () => Response = () => new Response(null, { status: 204 });
let stored: string | null = null;
const hooks = { unauthorized: jest.fn(), unreachable: jest.fn() };

beforeEach(() => {
  sent = [];
  stored = null;
  hooks.unauthorized.mockClear();
  hooks.unreachable.mockClear();
  jest.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    sent.push({ url: String(url), method: init?.method ?? 'GET', headers: { ...(init?.headers as Record<string, string>) }, body });
    return answer();
  });
  // The tab's token store; Node has no sessionStorage.
  Object.defineProperty(globalThis, 'sessionStorage', {
    configurable: true,
    value: { getItem: () => stored, setItem: (_k: string, v: string) => void (stored = v), removeItem: () => void (stored = null) },
  });
});
afterEach(() => jest.restoreAllMocks());

const json = (status: number, body: unknown, type = 'application/json'): Response => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

describe('an admin URL', () => {
  test.each([
    ['a plain path of the default world', null, '/clock', {}, {}, '/__admin/clock'],
    ['a path parameter, filled in', null, '/users/{id}', { id: 7 }, {}, '/__admin/users/7'],
    ['a path parameter that needs encoding', 'w 1', '/faults/{id}', { id: 'a/b?c' }, {}, '/__tenants/w%201/__admin/faults/a%2Fb%3Fc'],
    ['query values that are set, encoded, and none that are not', null, '/users', {}, { vendor: 'emnify', email: 'x+y@emnify.example', status: undefined }, '/__admin/users?vendor=emnify&email=x%2By%40emnify.example'],
    ['a number in the query', 'worker-1', '/requests', {}, { limit: 200 }, '/__tenants/worker-1/__admin/requests?limit=200'],
  ] as const)('has %s', (_label, tenant, path, params, query, url) => {
    expect(adminUrl(tenant, path, params, query)).toBe(url);
  });
});

describe("the console's typed admin request", () => {
  test("sends the method, the path's parameters, the JSON body and the tab's token to the tenant's admin API", async () => {
    stored = 'token-1';
    answer = () => json(200, { id: 7, status: 'suspended' });
    const api = new AdminApi('w1', hooks);
    const user = await api.request('patch', '/users/{id}', { params: { id: 7 }, body: { status: 'suspended' } });
    expect(user).toEqual({ id: 7, status: 'suspended' });
    expect(sent).toEqual([
      {
        url: '/__tenants/w1/__admin/users/7',
        method: 'PATCH',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: 'Bearer token-1' },
        body: { status: 'suspended' },
      },
    ]);
  });

  test('sends a query and no body or token when there are none, and goes to the default world when asked for the root', async () => {
    answer = () => json(200, { tenants: [] });
    await new AdminApi('w1', hooks).request('get', '/tenants', { root: true });
    await new AdminApi(null, hooks).request('get', '/mailbox', { query: { kind: 'activation' } });
    expect(sent.map((s) => [s.method, s.url, s.headers, s.body])).toEqual([
      ['GET', '/__admin/tenants', { Accept: 'application/json' }, undefined],
      ['GET', '/__admin/mailbox?kind=activation', { Accept: 'application/json' }, undefined],
    ]);
  });

  test('sends form input as typed, for the API to judge', async () => {
    answer = () => json(201, { id: 'fault-1', probability: 1, remaining: null });
    await new AdminApi(null, hooks).request('post', '/faults', { input: { status: 'not a number', delayMs: [100, 300] } });
    expect(sent[0].body).toEqual({ status: 'not a number', delayMs: [100, 300] });
  });

  test("rejects an error answer with the status and the problem, whose messages are found by the field's name", async () => {
    const problem = { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'The body is invalid', errors: [{ field: 'email', message: 'email must be a valid email' }] };
    answer = () => json(400, problem, 'application/problem+json');
    const err = await new AdminApi(null, hooks).request('post', '/users', { input: { vendor: 'emnify', email: 'nope' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, message: 'The body is invalid', problem });
    expect((err as ApiError).forField('email')).toBe('email must be a valid email');
  });

  test('names the call and the status when the error body is not a problem', async () => {
    answer = () => new Response('<html>Bad Gateway</html>', { status: 502 });
    const err = await new AdminApi(null, hooks).request('get', '/clock').catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 502, message: 'GET /clock answered 502', problem: undefined });
  });

  test('tells the page that a token is needed on 401, and that the mock is gone when fetch fails', async () => {
    answer = () => json(401, { title: 'Unauthorized', status: 401 }, 'application/problem+json');
    await expect(new AdminApi(null, hooks).request('get', '/clock')).rejects.toMatchObject({ status: 401 });
    expect(hooks.unauthorized).toHaveBeenCalledTimes(1);
    answer = () => {
      throw new TypeError('fetch failed');
    };
    await expect(new AdminApi(null, hooks).request('get', '/clock')).rejects.toMatchObject({ status: 0, message: 'The mock cannot be reached' });
    expect(hooks.unreachable).toHaveBeenCalledTimes(1);
  });

  test('answers null for an optional call the mock does not serve, and rejects other errors', async () => {
    answer = () => json(404, { title: 'Not Found', status: 404 }, 'application/problem+json');
    expect(await new AdminApi(null, hooks).optional('get', '/faults')).toBeNull();
    answer = () => json(500, { title: 'Internal Server Error', status: 500 }, 'application/problem+json');
    await expect(new AdminApi(null, hooks).optional('get', '/faults')).rejects.toMatchObject({ status: 500 });
  });

  test('is checked against the spec when compiled: an unknown path, a method the path lacks and a body of the wrong shape do not compile', () => {
    // Never called: `tsc --noEmit` checks these lines; each error it expects is a call the spec does not allow.
    const unchecked = (api: AdminApi): unknown[] => [
      // @ts-expect-error no such path in the admin spec
      api.request('get', '/nothing'),
      // @ts-expect-error /tenants has no DELETE
      api.request('delete', '/tenants'),
      // @ts-expect-error advanceMs is a number
      api.request('post', '/clock', { body: { advanceMs: '1 h' } }),
      // @ts-expect-error a user's id is a number
      api.request('delete', '/users/{id}', { params: { id: 'seven' } }),
      // @ts-expect-error form input still names only the schema's fields
      api.request('post', '/faults', { input: { statusCode: 503 } }),
    ];
    expect(typeof unchecked).toBe('function');
  });
});
