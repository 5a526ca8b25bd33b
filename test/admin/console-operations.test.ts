import { sha1Hex } from '../../mock-server/apis/emnify/accounts';
import { createHarness, fixture, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness({ config: { appLinks: { 'edge-impulse': { activation: 'http://localhost:3000/activate?code={code}' }, akana: { 'password-reset': 'https://app.example/reset?c={code}' } } } });
});
afterEach(() => expect(h.violations()).toEqual([]));

async function userId(vendor: string, email: string): Promise<number> {
  const res = await h.request.get('/__admin/users').query({ vendor, email }).expect(200);
  return res.body.users[0].id as number;
}

describe('PATCH /__admin/users/{id}', () => {
  test.each([
    ['suspends an active user', 'emnify', 'active', 'suspended'],
    ['activates a pending user', 'akana', 'pending activation', 'active'],
    ['puts an active user back to pending', 'edge-impulse', 'active', 'pending'],
  ])('%s', async (_label, vendor, role, status) => {
    const id = await userId(vendor, fixture(vendor, role).email);
    const res = await h.request.patch(`/__admin/users/${id}`).send({ status }).expect(200);
    expect(res.body).toMatchObject({ id, status });
    const listed = await h.request.get('/__admin/users').query({ vendor, email: fixture(vendor, role).email }).expect(200);
    expect(listed.body.users[0].status).toBe(status);
  });

  test('activating a pending user voids its outstanding activation code', async () => {
    const f = fixture('emnify', 'pending activation');
    await h.request.patch(`/__admin/users/${await userId('emnify', f.email)}`).send({ status: 'active' }).expect(200);
    const res = await h.request.post('/api/v1/user/activation').send({ activationKey: f.activationCode, password: 'chosen-password' });
    expect(res.status).not.toBe(204);
  });

  test('a password set for an EMnify user is stored as the vendor stores it: the client logs in with its SHA-1 digest', async () => {
    const f = fixture('emnify', 'active');
    await h.request.patch(`/__admin/users/${await userId('emnify', f.email)}`).send({ password: 'set-by-operator' }).expect(200);
    await h.request.post('/api/v1/authenticate').send({ username: f.email, password: sha1Hex('set-by-operator') }).expect(200);
    await h.request.post('/api/v1/authenticate').send({ username: f.email, password: sha1Hex(f.password!) }).expect(401);
  });

  test('a password set for an Edge Impulse user logs in', async () => {
    const f = fixture('edge-impulse', 'active');
    await h.request.patch(`/__admin/users/${await userId('edge-impulse', f.email)}`).send({ password: 'set-by-operator' }).expect(200);
    const login = await h.request.post('/v1/api-login').send({ username: f.username, password: 'set-by-operator' }).expect(200);
    expect(login.body.success).toBe(true);
  });

  test.each([
    ['a password shorter than the vendor allows', { password: 'short' }, 'password'],
    ['an unknown status', { status: 'deleted' }, 'status'],
    ['an unknown property', { role: 'admin' }, 'role'],
  ])('%s answers 400 naming the field and changes nothing', async (_label, body, field) => {
    const f = fixture('edge-impulse', 'active');
    const id = await userId('edge-impulse', f.email);
    const res = await h.request.patch(`/__admin/users/${id}`).send(body).expect(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    const listed = await h.request.get('/__admin/users').query({ vendor: 'edge-impulse', email: f.email }).expect(200);
    expect(listed.body.users[0]).toMatchObject({ status: 'active', updatedAt: listed.body.users[0].createdAt });
  });

  test('an empty body answers 400', async () => {
    await h.request.patch(`/__admin/users/${await userId('akana', fixture('akana', 'active').email)}`).send({}).expect(400);
  });

  test.each([['99999'], ['abc'], ['0']])('an unknown or malformed id %s answers a problem, not a crash', async (id) => {
    const res = await h.request.patch(`/__admin/users/${id}`).send({ status: 'active' });
    expect([400, 404]).toContain(res.status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('DELETE /__admin/users/{id}', () => {
  test('removes the user: it is no longer listed and cannot log in, and the address can be registered again', async () => {
    const f = fixture('edge-impulse', 'active');
    await h.request.delete(`/__admin/users/${await userId('edge-impulse', f.email)}`).expect(204);
    const listed = await h.request.get('/__admin/users').query({ vendor: 'edge-impulse', email: f.email }).expect(200);
    expect(listed.body.users).toEqual([]);
    const login = await h.request.post('/v1/api-login').send({ username: f.username, password: f.password }).expect(200);
    expect(login.body.success).toBe(false);
    await h.request.post('/__admin/users').send({ vendor: 'edge-impulse', email: f.email, username: f.username, password: 'password-1' }).expect(201);
  });

  test('an unknown id answers 404', async () => {
    const res = await h.request.delete('/__admin/users/4711').expect(404);
    expect(res.body).toMatchObject({ status: 404, detail: 'No user has id 4711' });
  });
});

describe('GET /__admin/clock and /__admin/app-links', () => {
  test('the clock reports the mock time and how far it is ahead', async () => {
    await h.request.post('/__admin/clock').send({ advanceMs: 3_600_000 }).expect(200);
    const res = await h.request.get('/__admin/clock').expect(200);
    expect(res.body).toEqual({ now: new Date(h.clock.now()).toISOString(), offsetMs: 3_600_000 });
  });

  test('app links list the configured templates', async () => {
    const res = await h.request.get('/__admin/app-links').expect(200);
    expect(res.body).toEqual({ appLinks: { 'edge-impulse': { activation: 'http://localhost:3000/activate?code={code}' }, akana: { 'password-reset': 'https://app.example/reset?c={code}' } } });
  });

  test.each([
    ['a template that is not http(s)', { emnify: { activation: 'javascript:alert(1)' } }, '/appLinks/emnify/activation'],
    ['a template that is not a string', { emnify: { activation: 42 } }, '/appLinks/emnify/activation'],
  ])('%s refuses the start, naming the setting', async (_label, appLinks, pointer) => {
    await expect(createHarness({ config: { appLinks } as never })).rejects.toMatchObject({ problems: [expect.objectContaining({ pointer })] });
  });
});
