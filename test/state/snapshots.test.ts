import { sha1Hex } from '../../mock-server/apis/emnify/accounts';
import { createHarness, fixture, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => expect(h.violations()).toEqual([]));

const exported = async (): Promise<Record<string, unknown>> => {
  const res = await h.request.get('/__admin/state').expect(200);
  const { savedAt, ...rest } = res.body as { savedAt: string };
  expect(savedAt).toEqual(expect.any(String));
  return rest;
};

/** Changes of every kind the document holds: users, codes, mail, clock, lock-outs, rate-limit windows. */
async function changeEverything(): Promise<void> {
  await h.request.post('/__admin/faults').send({ vendor: 'edge-impulse', operationId: 'getUserByThirdPartyActivationCode', status: 503, times: 2 }).expect(201);
  await h.request.post('/__admin/users').send({ vendor: 'akana', email: 'new.dev@akana.example', password: 'password-1' }).expect(201);
  await h.request.post('/v1/api-user-request-reset-password').send({ email: fixture('edge-impulse', 'active').email }).expect(200);
  await h.request.post('/__admin/clock').send({ advanceMs: 3_600_000 }).expect(200);
  const emnify = fixture('emnify', 'active');
  for (let i = 0; i < 3; i++) await h.request.post('/api/v1/authenticate').send({ username: emnify.email, password: sha1Hex('wrong') });
  await h.request.post('/api/users/resendActivation').type('form').send({ emailAddress: 'someone@akana.example' }).expect(200);
}

describe('GET and PUT /__admin/state', () => {
  test('a document exported, changed away from and imported again exports equal to itself', async () => {
    const before = await exported();
    await changeEverything();
    const changed = await exported();
    expect(changed).not.toEqual(before);
    await h.request.put('/__admin/state').send({ format: 'authmock-state', version: 1, ...before }).expect(204);
    expect(await exported()).toEqual(before);
  });

  test('the document holds password hashes and code digests, never a plain password', async () => {
    await changeEverything();
    const text = JSON.stringify(await exported());
    for (const f of [fixture('edge-impulse', 'active'), fixture('akana', 'active')]) expect(text).not.toContain(f.password);
    expect(text).not.toContain('password-1');
    expect(text).toMatch(/"passwordHash":"scrypt\$/);
  });

  test('an imported document brings back what users can do: use a mailed code, stay locked out, keep the clock', async () => {
    const emnify = fixture('emnify', 'active');
    await h.request.post('/v1/api-user-request-reset-password').send({ email: fixture('edge-impulse', 'active').email }).expect(200);
    for (let i = 0; i < 3; i++) await h.request.post('/api/v1/authenticate').send({ username: emnify.email, password: sha1Hex('wrong') }).expect(401);
    await h.request.post('/__admin/clock').send({ advanceMs: 60_000 }).expect(200);
    const doc = await h.request.get('/__admin/state').expect(200);
    await h.request.post('/__admin/reset').expect(204);
    await h.request.put('/__admin/state').send(doc.body).expect(204);

    const [reset] = (await h.request.get('/__admin/mailbox').query({ kind: 'password-reset' }).expect(200)).body.messages;
    const ok = await h.request.post('/v1/api-user-verify-reset-password-code').send({ email: reset.to, code: reset.code }).expect(200);
    expect(ok.body.success).toBe(true);
    const locked = await h.request.post('/api/v1/authenticate').send({ username: emnify.email, password: sha1Hex(emnify.password!) }).expect(401);
    expect(locked.body.message).toMatch(/locked/);
    expect(h.runtime.clock.offset).toBe(60_000);
  });

  test('fault rules come back in their order, with what is left of their times, and new ids follow on', async () => {
    await h.request.post('/__admin/faults').send({ vendor: 'akana', delayMs: 1, times: 3 }).expect(201);
    await h.request.post('/__admin/faults').send({ vendor: 'emnify', status: 503 }).expect(201);
    await h.request.post('/api/users/resendActivation').type('form').send({ emailAddress: 'a@akana.example' }).expect(200);
    const doc = (await h.request.get('/__admin/state').expect(200)).body;
    await h.request.post('/__admin/reset').expect(204);
    await h.request.put('/__admin/state').send(doc).expect(204);
    const faults = (await h.request.get('/__admin/faults').expect(200)).body.faults;
    expect(faults.map((f: { id: string; remaining: number | null }) => [f.id, f.remaining])).toEqual([['fault-1', 2], ['fault-2', null]]);
    const next = await h.request.post('/__admin/faults').send({ status: 429 }).expect(201);
    expect(next.body.id).toBe('fault-3');
  });

  test.each([
    ['a wrong format', (d: Record<string, unknown>) => ({ ...d, format: 'other' }), 'format'],
    ['a wrong version', (d: Record<string, unknown>) => ({ ...d, version: 2 }), 'version'],
    ['a user without e-mail', (d: Doc) => withUser(d, (u) => ({ ...u, email: undefined })), 'world.users.items.0.email'],
    ['an unknown field', (d: Doc) => ({ ...d, world: { ...d.world, extra: 1 } }), 'world.extra'],
    ['a plain password where the hash belongs', (d: Doc) => withUser(d, (u) => ({ ...u, passwordHash: 'hunter22' })), 'world.users.items.0.passwordHash'],
    ['an e-mail twice for one vendor', (d: Doc) => ({ ...d, world: { ...d.world, users: { ...d.world.users, items: [...d.world.users.items, { ...d.world.users.items[0], id: 999 }] } } }), 'world.users.items'],
    ['a fault rule for an operation the vendor does not have', (d: Doc) => ({ ...d, world: { ...d.world, faults: { nextId: 2, rules: [{ id: 'fault-1', vendor: 'akana', operationId: 'getCurrentUser', status: 500, probability: 1, remaining: null }] } } }), 'world.faults.rules.0.operationId'],
    ['a code for a user that does not exist', (d: Doc) => ({ ...d, world: { ...d.world, codes: [{ kind: 'activation', userId: 4242, digest: 'a'.repeat(64), expiresAt: 1 }] } }), 'world.codes.0.userId'],
  ])('a document with %s is refused with 400 naming the field, and nothing changes', async (_name, mutate, field) => {
    const before = await h.request.get('/__admin/state').expect(200);
    await h.request.post('/__admin/users').send({ vendor: 'akana', email: 'kept@akana.example', password: 'password-1' }).expect(201);
    const current = await exported();
    const res = await h.request.put('/__admin/state').send(mutate(before.body as Doc)).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(res.body.errors)).toContain(field);
    expect(await exported()).toEqual(current);
  });
});

describe('state documents and tenants', () => {
  const inTenant = (name: string) => ({ 'X-Authmock-Tenant': name });

  test('the default world\'s document holds every tenant, and a tenant\'s document holds its world alone', async () => {
    await h.request.post('/__tenants/w1/__admin/users').send({ vendor: 'akana', email: 'w1@akana.example', password: 'password-1' }).expect(201);
    const whole = (await h.request.get('/__admin/state').expect(200)).body;
    expect(Object.keys(whole.tenants)).toEqual(['w1']);
    expect(JSON.stringify(whole.tenants.w1)).toContain('w1@akana.example');
    expect(JSON.stringify(whole.world)).not.toContain('w1@akana.example');
    const own = (await h.request.get('/__admin/state').set(inTenant('w1')).expect(200)).body;
    expect(own).not.toHaveProperty('tenants');
    expect(own.world).toEqual(whole.tenants.w1);
  });

  test('importing through the default world brings tenants back and drops the ones the document does not name', async () => {
    await h.request.post('/__tenants/w1/__admin/users').send({ vendor: 'akana', email: 'w1@akana.example', password: 'password-1' }).expect(201);
    const saved = (await h.request.get('/__admin/state').expect(200)).body;
    await h.request.delete('/__admin/tenants/w1').expect(204);
    await h.request.get('/__tenants/w2/__admin/users').expect(200);
    await h.request.put('/__admin/state').send(saved).expect(204);
    const listed = (await h.request.get('/__admin/tenants').expect(200)).body.tenants.map((t: { name: string }) => t.name);
    expect(listed).toEqual(['w1']);
    const users = await h.request.get('/__admin/users').query({ email: 'w1@akana.example' }).set(inTenant('w1')).expect(200);
    expect(users.body.users).toHaveLength(1);
  });

  test('a tenant imports a world into itself and leaves the default world alone', async () => {
    const fresh = (await h.request.get('/__admin/state').set(inTenant('w1')).expect(200)).body;
    await h.request.post('/__admin/users').send({ vendor: 'akana', email: 'default@akana.example', password: 'password-1' }).expect(201);
    await h.request.post('/__admin/users').set(inTenant('w1')).send({ vendor: 'akana', email: 'gone@akana.example', password: 'password-1' }).expect(201);
    await h.request.put('/__admin/state').set(inTenant('w1')).send(fresh).expect(204);
    expect((await h.request.get('/__admin/users').query({ email: 'gone@akana.example' }).set(inTenant('w1')).expect(200)).body.users).toEqual([]);
    expect((await h.request.get('/__admin/users').query({ email: 'default@akana.example' }).expect(200)).body.users).toHaveLength(1);
  });

  test.each([
    ['tenants sent to a tenant', 'w1', (d: Doc) => ({ ...d, tenants: { w2: d.world } }), 'tenants'],
    ['a tenant name that is not one', undefined, (d: Doc) => ({ ...d, tenants: { 'bad name': d.world } }), 'tenants.bad name'],
    ['a tenant called default', undefined, (d: Doc) => ({ ...d, tenants: { default: d.world } }), 'tenants.default'],
  ])('a document with %s is refused with 400 naming the field', async (_name, tenant, mutate, field) => {
    const doc = (await h.request.get('/__admin/state').expect(200)).body as Doc;
    const req = h.request.put('/__admin/state');
    if (tenant) req.set(inTenant(tenant));
    const res = await req.send(mutate(doc)).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
  });
});

interface Doc {
  world: { users: { items: Record<string, unknown>[] }; [k: string]: unknown };
  [k: string]: unknown;
}
function withUser(d: Doc, change: (u: Record<string, unknown>) => Record<string, unknown>): Doc {
  const [first, ...rest] = d.world.users.items;
  return { ...d, world: { ...d.world, users: { ...d.world.users, items: [change(first), ...rest] } } };
}
