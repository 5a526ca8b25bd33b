import { sha1Hex } from '../../mock-server/apis/emnify/accounts';
import { createHarness, fixture, lastMail, type Harness } from '../support/harness';

const active = fixture('emnify', 'active');
const mfaUser = fixture('emnify', 'active, MFA enabled');
const seeded = fixture('emnify', 'MFA, trusted device, app token');

let h: Harness;
let headers: Record<string, string>;
beforeEach(async () => {
  h = await createHarness();
  headers = await bearerOf(active.username!, active.password!);
});
afterEach(() => expect(h.violations()).toEqual([]));

const authenticate = (body: object) => h.request.post('/api/v1/authenticate').send(body);
async function bearerOf(username: string, password: string): Promise<Record<string, string>> {
  const res = await authenticate({ username, password: sha1Hex(password) }).expect(200);
  return { Authorization: `Bearer ${res.body.auth_token as string}` };
}
const idOf = (email: string): number => h.runtime.users.byEmail('emnify', email)!.id;
const createToken = (body: object) => h.request.post('/api/v1/application_token').set(headers).send(body);

describe('application tokens', () => {
  test('create answers 200 with the token; authenticate takes it and answers an auth_token alone, acting as the creator', async () => {
    const created = await createToken({ description: 'CI', expiry_date: '2099-05-29T00:00:00.000Z', ip: '10.0.0.0/8' }).expect(200);
    expect(created.body).toEqual({ application_token: expect.stringMatching(/^[A-Za-z0-9_-]{60,}$/) });
    const login = await authenticate({ application_token: created.body.application_token }).expect(200);
    expect(login.body).toEqual({ auth_token: expect.any(String) });
    const me = await h.request.get(`/api/v1/user/${idOf(active.email)}`).set({ Authorization: `Bearer ${login.body.auth_token}` }).expect(200);
    expect(me.body.username).toBe(active.username);
  });

  test('the list shows every token of the organisation without its string', async () => {
    await createToken({ description: 'CI', ip: '192.168.0.0/16' }).expect(200);
    const res = await h.request.get('/api/v1/application_token').set(headers).expect(200);
    expect(res.body).toEqual([
      expect.objectContaining({ description: 'Seeded application token', status: { id: 0, description: 'Activated' }, creator: expect.objectContaining({ username: seeded.username }) }),
      expect.objectContaining({ id: expect.any(Number), description: 'CI', ip: '192.168.0.0/16', status: { id: 0, description: 'Activated' }, created: expect.any(String), creator: { id: idOf(active.email), username: active.username, name: active.name } }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain(seeded.applicationTokens![0].token);
  });

  test('revoked with status 1, it no longer authenticates, and it cannot be activated again; an auth_token from before stays valid', async () => {
    const { application_token } = (await createToken({ description: 'to revoke' }).expect(200)).body;
    const before = (await authenticate({ application_token }).expect(200)).body.auth_token as string;
    const id = (await h.request.get('/api/v1/application_token').set(headers)).body.find((t: { description: string }) => t.description === 'to revoke').id as number;
    await h.request.patch(`/api/v1/application_token/${id}`).set(headers).send({ status: { id: 1 }, description: 'revoked' }).expect(204);
    const res = await authenticate({ application_token }).expect(401);
    expect(res.text).toBe('');
    const listed = (await h.request.get('/api/v1/application_token').set(headers)).body.find((t: { id: number }) => t.id === id);
    expect(listed).toMatchObject({ description: 'revoked', status: { id: 1, description: 'Revoked' } });
    await h.request.patch(`/api/v1/application_token/${id}`).set(headers).send({ status: { id: 0 } }).expect(422);
    await h.request.get('/api/v1/user/mfa/type').set({ Authorization: `Bearer ${before}` }).expect(200);
  });

  test('past its expiry date a token is listed as revoked and refused', async () => {
    const { application_token } = (await createToken({ description: 'short', expiry_date: new Date(h.clock.now() + 60_000).toISOString() }).expect(200)).body;
    await authenticate({ application_token }).expect(200);
    h.clock.advance(61_000);
    await authenticate({ application_token }).expect(401);
    const listed = (await h.request.get('/api/v1/application_token').set(headers)).body.find((t: { description: string }) => t.description === 'short');
    expect(listed.status).toEqual({ id: 1, description: 'Revoked' });
  });

  test.each([
    [{ expiry_date: 'next week' }, 'expiry_date'],
    [{ expiry_date: '2021-13-45' }, 'expiry_date'],
    [{ ip: '10.0.0.1' }, 'ip'],
    [{ ip: '10.0.0.0/33' }, 'ip'],
    [{ ip: 'example.com/8' }, 'ip'],
  ])('%j answers 422 naming %s', async (body, field) => {
    const res = await createToken(body).expect(422);
    expect(res.body).toMatchObject({ error_code: 1400, message: expect.stringContaining(field) });
  });

  test('a plain date is an expiry date too, and IPv6 CIDR is accepted', async () => {
    await createToken({ expiry_date: '2099-05-29', ip: '2001:db8::/32' }).expect(200);
  });

  test('patching an unknown token answers 404 1201 NotFound', async () => {
    const res = await h.request.patch('/api/v1/application_token/999').set(headers).send({ status: { id: 1 } }).expect(404);
    expect(res.body).toMatchObject({ error_code: 1201, error_token: 'NotFound' });
  });

  test('the seeded token logs in as its user, and a deleted creator takes their tokens along', async () => {
    const token = seeded.applicationTokens![0].token;
    await authenticate({ application_token: token }).expect(200);
    await h.request.delete(`/api/v1/user/${idOf(seeded.email)}`).set(headers).expect(204);
    await authenticate({ application_token: token }).expect(401);
    expect((await h.request.get('/api/v1/application_token').set(headers)).body).toEqual([]);
  });

  test('a reset brings back the seeded token and forgets the rest', async () => {
    const { application_token } = (await createToken({ description: 'gone after reset' }).expect(200)).body;
    await h.request.post('/__admin/reset').expect(204);
    await authenticate({ application_token }).expect(401);
    await authenticate({ application_token: seeded.applicationTokens![0].token }).expect(200);
  });
});

describe('trusted devices', () => {
  async function trust(device: object): Promise<Record<string, string>> {
    const { mfa_token } = (await authenticate({ username: mfaUser.username, password: sha1Hex(mfaUser.password!) }).expect(200)).body;
    const res = await authenticate({ mfa_token, code: lastMail(h, mfaUser.email).code, trusted_device: device }).expect(200);
    return { Authorization: `Bearer ${res.body.auth_token as string}` };
  }

  test('authenticate with trusted_device puts the device on the list; deleting it asks for MFA again', async () => {
    const own = await trust({ fingerprint: 'laptop-1', operating_system: 'Linux', browser: 'Firefox', name: 'Laptop' });
    const id = idOf(mfaUser.email);
    const list = await h.request.get(`/api/v1/user/${id}/mfa/trusted_device`).set(own).expect(200);
    expect(list.body).toEqual([{ id: expect.any(Number), operating_system: 'Linux', browser: 'Firefox', activation_date: new Date(h.clock.now()).toISOString() }]);
    const credentials = { username: mfaUser.username, password: sha1Hex(mfaUser.password!), fingerprint: 'laptop-1' };
    expect((await authenticate(credentials).expect(200)).body).toHaveProperty('auth_token');
    await h.request.delete(`/api/v1/user/${id}/mfa/trusted_device/${list.body[0].id}`).set(own).expect(204);
    expect((await h.request.get(`/api/v1/user/${id}/mfa/trusted_device`).set(own).expect(200)).body).toEqual([]);
    expect((await authenticate(credentials).expect(200)).body).toEqual({ mfa_token: expect.any(String) });
    await h.request.delete(`/api/v1/user/${id}/mfa/trusted_device/${list.body[0].id}`).set(own).expect(404);
  });

  test('a device past its 90 days leaves the list', async () => {
    await trust({ fingerprint: 'old-phone' });
    h.clock.advance(90 * 24 * 3600_000 + 1000);
    // The first token expired too: a fresh one, by the code.
    const fresh = await trust({ fingerprint: 'new-phone', operating_system: 'Android', browser: 'Chrome' });
    const list = await h.request.get(`/api/v1/user/${idOf(mfaUser.email)}/mfa/trusted_device`).set(fresh).expect(200);
    expect(list.body.map((d: { operating_system: string }) => d.operating_system)).toEqual(['Android']);
  });

  test('the seeded device skips MFA and is listed', async () => {
    const device = seeded.trustedDevices![0];
    const res = await authenticate({ username: seeded.username, password: sha1Hex(seeded.password!), fingerprint: device.fingerprint }).expect(200);
    const own = { Authorization: `Bearer ${res.body.auth_token as string}` };
    const list = await h.request.get(`/api/v1/user/${idOf(seeded.email)}/mfa/trusted_device`).set(own).expect(200);
    expect(list.body).toEqual([expect.objectContaining({ operating_system: device.operatingSystem, browser: device.browser })]);
  });

  test('another user’s devices answer 404: the mock has no organisations', async () => {
    await h.request.get(`/api/v1/user/${idOf(mfaUser.email)}/mfa/trusted_device`).set(headers).expect(404);
    await h.request.delete(`/api/v1/user/${idOf(mfaUser.email)}/mfa/trusted_device/1`).set(headers).expect(404);
  });

  test('deleting the active MFA key forgets the devices', async () => {
    const own = await trust({ fingerprint: 'laptop-2' });
    const id = idOf(mfaUser.email);
    const me = await h.request.get(`/api/v1/user/${id}`).set(own).expect(200);
    await h.request.delete(`/api/v1/user/${id}/mfa/${me.body.mfa[0].id}`).set(own).expect(204);
    expect((await h.request.get(`/api/v1/user/${id}/mfa/trusted_device`).set(own).expect(200)).body).toEqual([]);
  });
});

describe('the MFA look-ups', () => {
  test.each([
    ['status', [{ id: 0, description: 'Activation Pending' }, { id: 1, description: 'Active' }]],
    ['type', [{ id: 1, description: 'TOTP' }]],
  ])('GET /api/v1/user/mfa/%s lists what the mock uses', async (what, expected) => {
    expect((await h.request.get(`/api/v1/user/mfa/${what}`).set(headers).expect(200)).body).toEqual(expected);
  });

  test('the ids match what a key shows', async () => {
    const key = (await h.request.post('/api/v1/user/mfa').set(headers).send({ type: { id: 1 }, password: active.password }).expect(200)).body;
    const statuses = (await h.request.get('/api/v1/user/mfa/status').set(headers)).body;
    const types = (await h.request.get('/api/v1/user/mfa/type').set(headers)).body;
    expect(statuses).toContainEqual(key.status);
    expect(types).toContainEqual(key.type);
  });
});
