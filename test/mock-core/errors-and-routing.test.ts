import { discoverApis } from '../../mock-server/apis';
import { createHarness, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => expect(h.violations()).toEqual([]));

const BIG = JSON.stringify({ username: 'x'.repeat(101 * 1024), password: 'y' });

describe('bad input answers in each API’s own format', () => {
  test.each([
    ['Edge Impulse', '/v1/api-login', { success: false, error: 'Request body is not valid JSON' }],
    ['EMnify', '/api/v1/authenticate', { error_code: 1400, error_token: 'InputValidationFailed', message: 'Request body is not valid JSON' }],
    ['the admin API', '/__admin/users', expect.objectContaining({ status: 400, title: 'Bad Request', detail: 'Request body is not valid JSON' })],
  ])('malformed JSON to %s answers 400', async (_label, path, body) => {
    const res = await h.request.post(path).set('Content-Type', 'application/json').send('{"username": ').expect(400);
    expect(res.body).toEqual(body);
  });

  test.each([
    ['Edge Impulse', '/v1/api-login', { success: false, error: 'Request body is larger than 100 kB' }],
    ['EMnify', '/api/v1/authenticate', { error_code: 1400, error_token: 'InputValidationFailed', message: 'Request body is larger than 100 kB' }],
    ['the admin API', '/__admin/users', expect.objectContaining({ status: 413, detail: 'Request body is larger than 100 kB' })],
  ])('a body over 100 kB to %s answers 413', async (_label, path, body) => {
    const res = await h.request.post(path).set('Content-Type', 'application/json').send(BIG).expect(413);
    expect(res.body).toEqual(body);
    expect(res.text).not.toMatch(/at .*\.js:\d+/);
  });

  test('a body over 100 kB to Akana answers 413 in its envelope', async () => {
    const res = await h.request.post('/api/users/resendActivation').type('form').send(`emailAddress=${'a'.repeat(101 * 1024)}@x.example`).expect(413);
    expect(res.body).toEqual({ code: 413, message: 'Request body is larger than 100 kB' });
  });

  test('nothing already stored is lost after bad input', async () => {
    const before = h.runtime.users.size;
    await h.request.post('/__admin/users').set('Content-Type', 'application/json').send('{"vendor":').expect(400);
    await h.request.post('/v1/api-login').set('Content-Type', 'application/json').send(BIG).expect(413);
    expect(h.runtime.users.size).toBe(before);
  });
});

describe('routing', () => {
  test('an unknown path answers 404 JSON listing what exists', async () => {
    const res = await h.request.get('/v1/api/no-such-thing').expect(404).expect('Content-Type', /application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, detail: 'No operation is served at GET /v1/api/no-such-thing' });
    expect(res.body.knownPaths).toContain('POST /v1/api-login');
  });

  test.each([
    ['GET', '/v1/api-login', 'POST'],
    // GET and DELETE are served there too: /api/v1/user/{user_id} takes a user name, and 'password' is one.
    ['PUT', '/api/v1/user/password', 'PATCH, GET, DELETE'],
    ['GET', '/api/users/resendActivation', 'POST'],
    ['DELETE', '/__admin/users', 'GET, POST'],
    // Templated paths too: the 405 asks the same table the operations are served from.
    ['POST', '/api/v1/user/42', 'GET, DELETE, PATCH'],
    ['GET', '/__admin/users/1', 'DELETE, PATCH'],
    ['PUT', '/api/v1/user/mfa/status', 'GET, PATCH'],
  ])('%s %s answers 405 with Allow: %s', async (method, path, allow) => {
    const res = await h.request[method.toLowerCase() as 'get'](path).expect(405);
    expect(res.headers.allow).toBe(allow);
  });

  test('an unexpected exception answers 500 problem+json without a stack trace, and is logged', async () => {
    const apis = discoverApis().map((m) =>
      m.id === 'edge-impulse'
        ? {
            ...m,
            handlers: {
              ...m.handlers,
              login: () => {
                throw new Error('boom');
              },
            },
          }
        : m,
    );
    const broken = await createHarness({ apis });
    const res = await broken.request.post('/v1/api-login').send({ username: 'a', password: 'b' }).expect(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'An unexpected error occurred; it has been logged' });
    expect(res.text).not.toContain('boom');
    expect(broken.logged).toHaveLength(1);
  });
});

describe('CORS for browser apps on localhost', () => {
  test.each(['http://localhost:3000', 'http://127.0.0.1:5173', 'http://[::1]:8080'])('a preflight from %s is answered with credentials allowed', async (origin) => {
    const res = await h.request
      .options('/v1/api/user/request-activation')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,x-jwt-token')
      .expect(204);
    expect(res.headers['access-control-allow-origin']).toBe(origin);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-allow-headers']).toContain('x-jwt-token');
  });

  test('an origin that is not local gets no CORS grant', async () => {
    const res = await h.request.options('/v1/api-login').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('the jwt cookie set by login from localhost:3000 works on the next call', async () => {
    const agentLogin = await h.request.post('/v1/api-login').set('Origin', 'http://localhost:3000').send({ username: 'arnold-hudson', password: 'mild-lounge-21' }).expect(200);
    expect(agentLogin.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    const cookie = (agentLogin.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const res = await h.request.post('/v1/api/user/request-activation').set('Origin', 'http://localhost:3000').set('Cookie', cookie).expect(200);
    expect(res.body).toEqual({ success: true });
  });
});

describe('request journal', () => {
  test('keeps only the newest entries, newest first', async () => {
    const small = await createHarness({ config: { journalSize: 3 } });
    for (let i = 0; i < 6; i++) await small.request.post('/v1/api-user-request-reset-password').send({ email: `n${i}@x.example` });
    const res = await small.request.get('/__admin/requests').query({ limit: 10 }).expect(200);
    expect(res.body.requests).toHaveLength(3);
    expect(res.body.requests.map((r: { id: number }) => r.id)).toEqual([6, 5, 4]);
    expect(res.body.requests[0]).toMatchObject({ method: 'POST', path: '/v1/api-user-request-reset-password', status: 200, operationId: 'requestResetPassword', vendor: 'edge-impulse' });
  });
});
