import { sha1Hex } from '../../mock-server/apis/emnify/accounts';
import { createHarness, fixture, type Harness, type HarnessOptions } from '../support/harness';

const emnify = fixture('emnify', 'active');
const ei = fixture('edge-impulse', 'active');

let h: Harness;
async function setup(options: HarnessOptions = {}): Promise<void> {
  h = await createHarness(options);
}
beforeEach(() => setup());
afterEach(() => expect(h.violations()).toEqual([]));

/** A request in a tenant, addressed by the path prefix or by the header. */
const at = (tenant: string, how: 'prefix' | 'header' = 'prefix') => ({
  get: (path: string) => (how === 'prefix' ? h.request.get(`/__tenants/${tenant}${path}`) : h.request.get(path).set('X-Authmock-Tenant', tenant)),
  post: (path: string) => (how === 'prefix' ? h.request.post(`/__tenants/${tenant}${path}`) : h.request.post(path).set('X-Authmock-Tenant', tenant)),
  delete: (path: string) => (how === 'prefix' ? h.request.delete(`/__tenants/${tenant}${path}`) : h.request.delete(path).set('X-Authmock-Tenant', tenant)),
});
const usersWith = async (tenant: string | null, email: string) =>
  ((await (tenant === null ? h.request.get('/__admin/users') : at(tenant).get('/__admin/users')).query({ email }).expect(200)).body as { users: { id: number }[] }).users;
const newUser = { vendor: 'emnify', email: 'same.person@emnify.example', password: 'password-1' };

describe('tenants', () => {
  test('the same e-mail address in two tenants is two users, and the default world has neither', async () => {
    await at('w1').post('/__admin/users').send(newUser).expect(201);
    await at('w2').post('/__admin/users').send(newUser).expect(201);
    expect(await usersWith('w1', newUser.email)).toHaveLength(1);
    expect(await usersWith('w2', newUser.email)).toHaveLength(1);
    expect(await usersWith(null, newUser.email)).toEqual([]);
    expect(h.app.worlds.peek('w1')!.runtime.users.byEmail('emnify', newUser.email)).not.toBe(h.app.worlds.peek('w2')!.runtime.users.byEmail('emnify', newUser.email));
  });

  test('a tenant starts from the fixtures', async () => {
    expect(await usersWith('fresh', emnify.email)).toHaveLength(1);
    await at('fresh').post('/v1/api-login').send({ username: ei.username, password: ei.password }).expect(200);
  });

  test('the prefix and the header address the same tenant', async () => {
    await at('shared', 'header').post('/__admin/users').send(newUser).expect(201);
    expect(await usersWith('shared', newUser.email)).toHaveLength(1);
    await at('shared', 'prefix').post('/__admin/users').send(newUser).expect(409);
  });

  test('no header and no prefix is the default world, and `default` names it too', async () => {
    await h.request.post('/__admin/users').send(newUser).expect(201);
    expect(await usersWith('default', newUser.email)).toHaveLength(1);
    expect(h.app.worlds.size).toBe(0);
  });

  test.each([
    ['a reset', async () => void (await at('w1').post('/__admin/reset').expect(204))],
    ['a clock moved by a day', async () => void (await at('w1').post('/__admin/clock').send({ advanceMs: 86_400_000 }).expect(200))],
    ['a cleared mailbox', async () => void (await at('w1').delete('/__admin/mailbox').expect(204))],
  ])('%s in one tenant leaves another untouched', async (_label, act) => {
    await at('w1').post('/__admin/users').send({ ...newUser, status: 'pending' }).expect(201);
    await at('w2').post('/__admin/users').send({ ...newUser, status: 'pending' }).expect(201);
    const before = (await at('w2').post('/__admin/clock').send({ advanceMs: 0 }).expect(200)).body.now as string;
    await act();
    expect(await usersWith('w2', newUser.email)).toHaveLength(1);
    expect((await at('w2').get('/__admin/mailbox').query({ to: newUser.email }).expect(200)).body.messages).toHaveLength(1);
    expect((await at('w2').post('/__admin/clock').send({ advanceMs: 0 }).expect(200)).body.now).toBe(before);
  });

  test('a lock-out in one tenant leaves the same account in another free', async () => {
    const authenticate = (tenant: string, password: string) => at(tenant).post('/api/v1/authenticate').send({ username: emnify.username, password: sha1Hex(password) });
    for (let i = 0; i < 3; i++) await authenticate('w1', 'wrong-password').expect(401);
    expect((await authenticate('w1', emnify.password!).expect(401)).body).toMatchObject({ error_code: 1105 });
    await authenticate('w2', emnify.password!).expect(200);
    await h.request.post('/api/v1/authenticate').send({ username: emnify.username, password: sha1Hex(emnify.password!) }).expect(200);
  });

  test('a rate limit reached in one tenant leaves another free', async () => {
    const resend = (tenant: string) =>
      at(tenant, 'header').post('/api/users/resendActivation').type('form').send({ emailAddress: 'someone@akana.example' });
    for (let i = 0; i < 3; i++) await resend('w1').expect(200);
    await resend('w1').expect(429);
    await resend('w2').expect(200);
  });

  test('each tenant has its own journal, with paths as the tenant sees them', async () => {
    await at('w1').post('/v1/api-login').send({ username: ei.username, password: ei.password }).expect(200);
    const w1 = (await at('w1').get('/__admin/requests').expect(200)).body.requests as { path: string }[];
    expect(w1.map((r) => r.path)).toEqual(['/v1/api-login']);
    const main = (await h.request.get('/__admin/requests').expect(200)).body.requests as { path: string }[];
    expect(main).toEqual([]);
  });
});

describe('tenant names', () => {
  test.each<[string, { path: string; header?: string }]>([
    ['a name with a space', { path: '/__tenants/bad%20name/__admin/users' }],
    ['a name longer than 64 characters', { path: `/__tenants/${'a'.repeat(65)}/__admin/users` }],
    ['an empty name', { path: '/__tenants//__admin/users' }],
    ['a header with a slash', { path: '/__admin/users', header: 'a/b' }],
    ['a header that contradicts the prefix', { path: '/__tenants/w1/__admin/users', header: 'w2' }],
  ])('%s is refused with 400 problem+json', async (_label, { path, header }) => {
    const req = h.request.get(path);
    if (header) req.set('X-Authmock-Tenant', header);
    const res = await req.expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, detail: expect.stringMatching(/tenant/) });
    expect(h.app.worlds.size).toBe(0);
  });

  test.each([['a.b_c-9'], ['x'.repeat(64)]])('%s is a valid name', async (name) => {
    await at(name).get('/__admin/users').expect(200);
  });
});

describe('the tenants admin API', () => {
  test('lists each tenant with its users, messages and last use, least recently used first', async () => {
    await at('w1').post('/__admin/users').send({ ...newUser, status: 'pending' }).expect(201);
    await h.request.put('/__admin/tenants/w2').expect(201);
    h.clock.advance(1000);
    await at('w1').get('/__admin/users').expect(200);
    const res = await h.request.get('/__admin/tenants').expect(200);
    const fixtures = h.runtime.users.size;
    const mails = h.runtime.mailbox.list().length;
    expect(res.body.tenants).toEqual([
      { name: 'w2', users: fixtures, messages: mails, lastUsedAt: '2026-01-01T00:00:00.000Z' },
      { name: 'w1', users: fixtures + 1, messages: mails + 1, lastUsedAt: '2026-01-01T00:00:01.000Z' },
    ]);
  });

  test('DELETE drops a tenant, which starts afresh when named again; an unknown one is 404', async () => {
    await at('w1').post('/__admin/users').send(newUser).expect(201);
    await h.request.delete('/__admin/tenants/w1').expect(204);
    expect((await h.request.get('/__admin/tenants').expect(200)).body.tenants).toEqual([]);
    const res = await h.request.delete('/__admin/tenants/w1').expect(404);
    expect(res.body).toMatchObject({ status: 404, detail: 'No tenant is called w1' });
    expect(await usersWith('w1', newUser.email)).toEqual([]);
  });

  test('DELETE with a name that is not a tenant name is 400 naming the parameter', async () => {
    const res = await h.request.delete('/__admin/tenants/bad%20name').expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
  });

  test('past maxTenants the least recently used tenant is dropped, and the default journal says so', async () => {
    await setup({ config: { maxTenants: 2 } });
    await h.request.put('/__admin/tenants/a').expect(201);
    await at('b').post('/__admin/reset').expect(204);
    // A read of an existing tenant is a use: a becomes the most recently used.
    await at('a').get('/__admin/users').expect(200);
    await at('c', 'header').post('/__admin/reset').expect(204);
    expect((await h.request.get('/__admin/tenants').expect(200)).body.tenants.map((t: { name: string }) => t.name)).toEqual(['a', 'c']);
    const journal = (await h.request.get('/__admin/requests').expect(200)).body.requests as { path: string; note?: string }[];
    expect(journal).toContainEqual(expect.objectContaining({ path: '/__admin/tenants/b', note: expect.stringContaining('maxTenants (2)') }));
  });
});

describe('browsers', () => {
  test('a CORS preflight allows the X-Authmock-Tenant header', async () => {
    const res = await h.request
      .options('/__tenants/w1/v1/api-login')
      .set('Origin', 'http://localhost:3000')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,x-authmock-tenant')
      .expect(204);
    expect(res.headers['access-control-allow-headers']).toMatch(/x-authmock-tenant/i);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:3000');
  });

  test.each([
    ['reached by prefix', 'prefix' as const, 'Path=/__tenants/w1'],
    ['named by the header', 'header' as const, 'Path=/'],
  ])('the Edge Impulse jwt cookie of a tenant %s has %s', async (_label, how, path) => {
    const res = await at('w1', how).post('/v1/api-login').send({ username: ei.username, password: ei.password }).expect(200);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0];
    expect(cookie.split('; ')).toContain(path);
  });
});
