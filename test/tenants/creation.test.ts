import type { Test } from 'supertest';
import { createHarness, fixture, type Harness } from '../support/harness';

const ei = fixture('edge-impulse', 'active');
const FOREIGN = 'https://evil.example';
const TOKEN = 'tenant-tests-admin-token';
const login = { username: ei.username, password: ei.password };

let h: Harness;
afterEach(() => expect(h.violations()).toEqual([]));

const bearer = (req: Test, token: boolean): Test => (token ? req.set('Authorization', `Bearer ${TOKEN}`) : req);
async function tenantNames(token = false): Promise<string[]> {
  const res = await bearer(h.request.get('/__admin/tenants'), token).expect(200);
  return (res.body.tenants as { name: string }[]).map((t) => t.name);
}

type Send = (h: Harness) => Test;
const image = (path: string): Send => (x) => x.request.get(path).set('Accept', 'image/avif,image/webp,*/*');

describe('requests that create no tenant', () => {
  test.each<[string, { token?: boolean; status: number; send: Send }]>([
    ['a CORS preflight of a vendor operation', { status: 204, send: (x) => x.request.options('/__tenants/ghost/v1/api-login').set('Origin', 'http://localhost:3000').set('Access-Control-Request-Method', 'POST') }],
    ['a CORS preflight of an admin operation', { status: 204, send: (x) => x.request.options('/__tenants/ghost/__admin/reset').set('Origin', 'http://localhost:3000').set('Access-Control-Request-Method', 'POST') }],
    ['an OPTIONS asking what a path allows', { status: 204, send: (x) => x.request.options('/__tenants/ghost/v1/api-login') }],
    ['a GET of an admin list', { status: 200, send: (x) => x.request.get('/__tenants/ghost/__admin/users') }],
    ['a GET of an admin list named by the header', { status: 200, send: (x) => x.request.get('/__admin/mailbox').set('X-Authmock-Tenant', 'ghost') }],
    ['a GET of a vendor operation', { status: 401, send: (x) => x.request.get('/__tenants/ghost/v1/api/user') }],
    ['a HEAD of a vendor operation', { status: 405, send: (x) => x.request.head('/__tenants/ghost/v1/api/user') }],
    ['an image-like GET without Origin', { status: 401, send: image('/__tenants/ghost/v1/api/user') }],
    ['an image-like GET of a path that is no operation', { status: 404, send: image('/__tenants/ghost/pixel.gif') }],
    ['a POST to a path that is no operation', { status: 404, send: (x) => x.request.post('/__tenants/ghost/v1/no-such-operation').send({}) }],
    ['a method the path does not have', { status: 405, send: (x) => x.request.delete('/__tenants/ghost/v1/api-login') }],
    ['a vendor POST from a disallowed Origin', { status: 403, send: (x) => x.request.post('/__tenants/ghost/v1/api-login').set('Origin', FOREIGN).send(login) }],
    ['an admin POST from a disallowed Origin', { status: 403, send: (x) => x.request.post('/__tenants/ghost/__admin/reset').set('Origin', FOREIGN) }],
    ['an admin POST under a Host name that is not allowed', { status: 403, send: (x) => x.request.post('/__tenants/ghost/__admin/reset').set('Host', 'rebound.example') }],
    ['an admin POST without the admin token', { token: true, status: 401, send: (x) => x.request.post('/__tenants/ghost/__admin/reset') }],
    ['the explicit create without the admin token', { token: true, status: 401, send: (x) => x.request.put('/__admin/tenants/ghost') }],
    ['a vendor POST when an admin token is set', { token: true, status: 403, send: (x) => x.request.post('/__tenants/ghost/v1/api-login').send(login) }],
    ['a vendor POST named by the header when an admin token is set', { token: true, status: 403, send: (x) => x.request.post('/v1/api-login').set('X-Authmock-Tenant', 'ghost').send(login) }],
  ])('%s leaves the tenants as they were', async (_label, { token = false, status, send }) => {
    h = await createHarness({ config: token ? { adminToken: TOKEN } : {} });
    await bearer(h.request.post('/__tenants/real/__admin/reset'), token).expect(204);
    const before = await tenantNames(token);
    await send(h).expect(status);
    expect(await tenantNames(token)).toEqual(before);
    expect(h.app.worlds.peek('ghost')).toBeUndefined();
  });

  test('300 image-like GETs under 300 names do not evict a tenant with a signed-up user', async () => {
    h = await createHarness();
    const user = { vendor: 'akana', email: 'signed.up@akana.example', password: 'password-1' };
    await h.request.post('/__tenants/real/__admin/users').send(user).expect(201);
    for (let i = 0; i < 300; i++) await image(`/__tenants/img-${i}/v1/api/user`)(h).expect(401);
    expect(await tenantNames()).toEqual(['real']);
    const users = (await h.request.get('/__tenants/real/__admin/users').query({ email: user.email }).expect(200)).body.users;
    expect(users).toHaveLength(1);
  });
});

describe('requests that create a tenant', () => {
  test.each<[string, { token?: boolean; status: number; send: Send }]>([
    ['a vendor POST', { status: 200, send: (x) => x.request.post('/__tenants/made/v1/api-login').send(login) }],
    ['a vendor POST named by the header', { status: 200, send: (x) => x.request.post('/v1/api-login').set('X-Authmock-Tenant', 'made').send(login) }],
    ['a vendor POST from an allowed Origin', { status: 200, send: (x) => x.request.post('/__tenants/made/v1/api-login').set('Origin', 'http://localhost:5173').send(login) }],
    ['a login with a wrong password', { status: 200, send: (x) => x.request.post('/__tenants/made/v1/api-login').send({ ...login, password: 'wrong-password' }) }],
    ['an admin POST', { status: 204, send: (x) => x.request.post('/__tenants/made/__admin/reset') }],
    ['an admin POST with the admin token', { token: true, status: 204, send: (x) => bearer(x.request.post('/__tenants/made/__admin/reset'), true) }],
    ['the explicit create', { status: 201, send: (x) => x.request.put('/__admin/tenants/made') }],
    ['the explicit create with the admin token', { token: true, status: 201, send: (x) => bearer(x.request.put('/__admin/tenants/made'), true) }],
  ])('%s creates it', async (_label, { token = false, status, send }) => {
    h = await createHarness({ config: token ? { adminToken: TOKEN } : {} });
    await send(h).expect(status);
    expect(await tenantNames(token)).toEqual(['made']);
  });

  test('with an admin token, a vendor POST to an absent tenant is 403 naming the explicit create, and works once it is created', async () => {
    h = await createHarness({ config: { adminToken: TOKEN } });
    const refused = await h.request.post('/__tenants/w1/v1/api-login').send(login).expect(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.detail).toContain('PUT /__admin/tenants/w1');
    expect(JSON.stringify(refused.body)).not.toContain(login.password);
    await bearer(h.request.put('/__admin/tenants/w1'), true).expect(201);
    await h.request.post('/__tenants/w1/v1/api-login').send(login).expect(200);
  });

  test('the explicit create answers 201 with the new tenant, then 200 with it unchanged', async () => {
    h = await createHarness();
    const first = await h.request.put('/__admin/tenants/w1').expect(201);
    expect(first.body).toEqual({ name: 'w1', users: h.runtime.users.size, messages: h.runtime.mailbox.size, lastUsedAt: '2026-01-01T00:00:00.000Z' });
    await h.request.post('/__tenants/w1/__admin/users').send({ vendor: 'akana', email: 'kept@akana.example', password: 'password-1' }).expect(201);
    const again = await h.request.put('/__admin/tenants/w1').expect(200);
    expect(again.body).toMatchObject({ name: 'w1', users: h.runtime.users.size + 1 });
  });

  test('the explicit create with a name that is not a tenant name is 400 naming the parameter', async () => {
    h = await createHarness();
    const res = await h.request.put('/__admin/tenants/bad%20name').expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
    expect(await tenantNames()).toEqual([]);
  });

  test('the explicit create of `default`, the default world’s name, is 400 problem+json', async () => {
    h = await createHarness();
    const res = await h.request.put('/__admin/tenants/default').expect(400);
    expect(res.body).toMatchObject({ status: 400, detail: expect.stringContaining('default world') });
    expect(await tenantNames()).toEqual([]);
  });
});

describe('reads of a tenant that does not exist', () => {
  test.each([
    ['/__admin/users'],
    ['/__admin/users?vendor=akana&status=pending'],
    ['/__admin/mailbox'],
    ['/__admin/clock'],
    ['/__admin/requests'],
    ['/__admin/faults'],
    ['/__admin/tenants'],
    ['/v1/api/user'],
  ])('GET %s answers as a freshly created tenant does, and creates nothing', async (path) => {
    h = await createHarness();
    const absent = await h.request.get(`/__tenants/ghost${path}`);
    const again = await h.request.get(`/__tenants/ghost${path}`);
    expect(await tenantNames()).toEqual([]);
    await h.request.put('/__admin/tenants/fresh').expect(201);
    const fresh = await h.request.get(`/__tenants/fresh${path}`);
    const view = (res: { status: number; body: unknown }) => ({ status: res.status, body: res.body });
    // The tenants list differs by the tenant just created; the rest is the same answer.
    if (path === '/__admin/tenants') expect(view(absent)).toEqual({ status: 200, body: { tenants: [] } });
    else expect(view(absent)).toEqual(view(fresh));
    expect(view(again)).toEqual(view(absent));
  });

  test('a long poll on it answers 404 problem+json saying how to create it', async () => {
    h = await createHarness();
    const res = await h.request.get('/__tenants/ghost/__admin/mailbox/wait').query({ timeoutMs: 50 }).expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toContain('PUT /__admin/tenants/ghost');
    expect(await tenantNames()).toEqual([]);
  });
});
