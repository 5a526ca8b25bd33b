import { createHarness, fixture, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => expect(h.violations()).toEqual([]));

const ei = fixture('edge-impulse', 'pending activation');
async function token(): Promise<string> {
  const res = await h.request.post('/v1/api-login').send({ username: ei.username, password: ei.password }).expect(200);
  return res.body.token as string;
}

describe('OPTIONS without CORS', () => {
  test.each([
    ['/v1/api-login', 'POST, OPTIONS'],
    // GET and DELETE as well: /api/v1/user/{user_id} takes a user name, and 'password' is one.
    ['/api/v1/user/password', 'PATCH, GET, DELETE, OPTIONS'],
    ['/api/users/resendActivation', 'POST, OPTIONS'],
    ['/__admin/users', 'GET, POST, OPTIONS'],
    ['/__admin/users/1', 'DELETE, PATCH, OPTIONS'],
  ])('on %s answers 204 with Allow: %s', async (path, allow) => {
    const res = await h.request.options(path).expect(204);
    expect(res.headers.allow).toBe(allow);
    expect(res.text).toBe('');
  });

  test('on an unknown path answers 404', async () => {
    await h.request.options('/v1/nothing-here').expect(404);
  });
});

describe('CORS', () => {
  test.each(['Retry-After', 'X-Authmock-Fault', 'X-Authmock-Tenant', 'Allow', 'Cache-Control'])('exposes %s to browser apps', async (header) => {
    const res = await h.request.post('/api/users/resendActivation').set('Origin', 'http://localhost:3000').type('form').set('Accept', '*/*').send({ emailAddress: 'a@b.example' }).expect(200);
    expect(res.headers['access-control-expose-headers'].split(',')).toContain(header);
  });

  test('a 429 carries Retry-After that a browser app may read', async () => {
    let res;
    for (let i = 0; i < 4; i++) res = await h.request.post('/api/users/resendActivation').set('Origin', 'http://localhost:3000').type('form').set('Accept', '*/*').send({ emailAddress: 'a@b.example' });
    expect(res!.status).toBe(429);
    expect(res!.headers['retry-after']).toMatch(/^\d+$/);
    expect(res!.headers['access-control-expose-headers']).toContain('Retry-After');
  });

  test('a preflight from an origin that is not allowed gets 403 saying to add it to corsOrigins', async () => {
    const res = await h.request.options('/v1/api-login').set('Origin', 'http://dev.example.test:8080').set('Access-Control-Request-Method', 'POST').expect(403);
    expect(res.body.detail).toContain('corsOrigins');
    expect(res.body.detail).toContain('http://dev.example.test:8080');
  });

  test('a preflight from an origin listed in corsOrigins is allowed with credentials', async () => {
    const c = await createHarness({ config: { corsOrigins: ['http://dev.example.test:8080'] } });
    const res = await c.request.options('/v1/api-login').set('Origin', 'http://dev.example.test:8080').set('Access-Control-Request-Method', 'POST').expect(204);
    expect(res.headers['access-control-allow-origin']).toBe('http://dev.example.test:8080');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
  });
});

describe('Edge Impulse credentials', () => {
  test('a JWT-only call without any credential says neither the jwt cookie nor x-jwt-token arrived', async () => {
    const res = await h.request.post('/v1/api/user/request-activation').send({}).expect(401);
    expect(res.body.error).toContain('neither the jwt cookie nor the x-jwt-token header arrived');
    expect(res.body.error).toContain('localhost and 127.0.0.1');
  });

  test.each([
    ['a valid cookie and a bad header', (t: string) => ({ cookie: `jwt=${t}`, header: 'not-a-jwt' }), 200],
    ['a bad cookie and a valid header', (t: string) => ({ cookie: 'jwt=not-a-jwt', header: t }), 401],
  ])('with both, the cookie wins: %s answers %i', async (_label, pick, status) => {
    const { cookie, header } = pick(await token());
    await h.request.post('/v1/api/user/request-activation').set('Cookie', cookie).set('x-jwt-token', header).send({}).expect(status);
  });
});
