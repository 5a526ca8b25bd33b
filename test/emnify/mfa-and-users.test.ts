import { sha1Hex } from '../../mock-server/apis/emnify/accounts';
import { currentTotp } from '../../mock-server/domain/totp';
import { createHarness, fixture, lastMail, type Harness } from '../support/harness';

const active = fixture('emnify', 'active');
const pending = fixture('emnify', 'pending activation');
const mfaUser = fixture('emnify', 'active, MFA enabled');

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => expect(h.violations()).toEqual([]));

const authenticate = (body: object) => h.request.post('/api/v1/authenticate').send(body);
const credentials = (f: { username: string | null; password?: string }, extra: object = {}) => ({ username: f.username, password: sha1Hex(f.password!), ...extra });
async function authToken(username: string, password: string): Promise<string> {
  return (await authenticate({ username, password: sha1Hex(password) }).expect(200)).body.auth_token as string;
}
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const totp = (secret: string) => currentTotp(secret, h.clock.now());

describe('authenticate with multi-factor authentication', () => {
  test('the password answers an mfa_token and mails the one-time password; the code answers the tokens', async () => {
    const first = await authenticate(credentials(mfaUser)).expect(200);
    expect(first.body).toEqual({ mfa_token: expect.any(String) });
    const mail = lastMail(h, mfaUser.email);
    expect(mail).toMatchObject({ vendor: 'emnify', kind: 'mfa-code', code: totp(mfaUser.mfaSecret!) });
    const second = await authenticate({ mfa_token: first.body.mfa_token, code: mail.code }).expect(200);
    expect(second.body).toEqual({ auth_token: expect.any(String), refresh_token: expect.any(String) });
    await h.request.get(`/api/v1/user/${encodeURIComponent(mfaUser.email)}`).set(bearer(second.body.auth_token)).expect(200);
  });

  test.each([
    ['a wrong code', 0, '000000'],
    ['an mfa_token past its five minutes', 301_000, undefined],
  ])('%s answers 401 with an empty body', async (_label, waitMs, code) => {
    const { mfa_token } = (await authenticate(credentials(mfaUser)).expect(200)).body;
    h.clock.advance(waitMs);
    const res = await authenticate({ mfa_token, code: code ?? totp(mfaUser.mfaSecret!) }).expect(401);
    expect(res.text).toBe('');
  });

  test('an mfa_token is no auth_token', async () => {
    const { mfa_token } = (await authenticate(credentials(mfaUser)).expect(200)).body;
    await h.request.get(`/api/v1/user/${mfaUser.email}`).set(bearer(mfa_token)).expect(401);
  });

  test('a trusted device skips MFA with its fingerprint for 90 days, and only that device', async () => {
    const { mfa_token } = (await authenticate(credentials(mfaUser)).expect(200)).body;
    await authenticate({ mfa_token, code: totp(mfaUser.mfaSecret!), trusted_device: { fingerprint: 'laptop-1', operating_system: 'Linux', browser: 'Firefox' } }).expect(200);
    expect((await authenticate(credentials(mfaUser, { fingerprint: 'laptop-1' })).expect(200)).body).toEqual({ auth_token: expect.any(String), refresh_token: expect.any(String) });
    expect((await authenticate(credentials(mfaUser, { fingerprint: 'phone-2' })).expect(200)).body).toEqual({ mfa_token: expect.any(String) });
    h.clock.advance(90 * 24 * 3600_000 + 1000);
    expect((await authenticate(credentials(mfaUser, { fingerprint: 'laptop-1' })).expect(200)).body).toEqual({ mfa_token: expect.any(String) });
  });

  test('a wrong password for an MFA user is an empty 401 and sends no code', async () => {
    const before = h.runtime.mailbox.list({ to: mfaUser.email }).length;
    await authenticate({ username: mfaUser.username, password: sha1Hex('wrong') }).expect(401);
    expect(h.runtime.mailbox.list({ to: mfaUser.email })).toHaveLength(before);
  });
});

describe('MFA keys', () => {
  const createKey = (token: string, body: object = { type: { id: 1 }, password: active.password }) => h.request.post('/api/v1/user/mfa').set(bearer(token)).send(body);

  test('create, activate with a code from the secret, then login asks for the second factor; deleting the key turns it off', async () => {
    const token = await authToken(active.username!, active.password!);
    const created = await createKey(token).expect(200);
    expect(created.body).toEqual({
      id: expect.any(Number),
      status: { id: 0, description: 'Activation Pending' },
      type: { id: 1, description: 'TOTP' },
      secret_key: expect.stringMatching(/^[A-Z2-7]{32}$/),
      otpauth: expect.stringMatching(/^otpauth:\/\/totp\//),
      creation_date: expect.any(String),
    });
    const { id, secret_key } = created.body;
    expect((await h.request.patch(`/api/v1/user/mfa/${id}`).set(bearer(token)).send({ status: { id: 1 }, code: '000000' }).expect(422)).body).toMatchObject({ error_code: 1400 });
    await h.request.patch(`/api/v1/user/mfa/${id}`).set(bearer(token)).send({ status: { id: 1 }, code: totp(secret_key) }).expect(204);
    await h.request.patch(`/api/v1/user/mfa/${id}`).set(bearer(token)).send({ status: { id: 1 }, code: totp(secret_key) }).expect(409);
    await createKey(token).expect(409);
    expect((await authenticate(credentials(active)).expect(200)).body).toEqual({ mfa_token: expect.any(String) });
    const me = await h.request.get(`/api/v1/user/${active.username}`).set(bearer(token)).expect(200);
    expect(me.body.mfa).toEqual([expect.objectContaining({ id, status: { id: 1, description: 'Active' }, activation_date: expect.any(String) })]);
    expect(JSON.stringify(me.body)).not.toContain(secret_key);
    await h.request.delete(`/api/v1/user/${me.body.id}/mfa/${id}`).set(bearer(token)).expect(204);
    expect((await authenticate(credentials(active)).expect(200)).body.auth_token).toEqual(expect.any(String));
  });

  test.each([
    ['a wrong password', { type: { id: 1 }, password: 'not-the-password' }],
    ['an unknown type', { type: { id: 9 }, password: active.password }],
    ['no type', { password: active.password }],
  ])('creating a key with %s answers 422', async (_label, body) => {
    const res = await createKey(await authToken(active.username!, active.password!), body).expect(422);
    expect(res.body).toMatchObject({ error_code: 1400, error_token: 'InputValidationFailed' });
  });

  test('another user’s key, an unknown key and a key id that is no number are refused', async () => {
    const token = await authToken(active.username!, active.password!);
    const mfaId = h.runtime.users.byEmail('emnify', mfaUser.email)!.id;
    await h.request.delete(`/api/v1/user/${mfaId}/mfa/1`).set(bearer(token)).expect(404);
    await h.request.patch('/api/v1/user/mfa/999').set(bearer(token)).send({ status: { id: 1 }, code: '123456' }).expect(404);
    const res = await h.request.patch('/api/v1/user/mfa/abc').set(bearer(token)).send({ status: { id: 1 }, code: '123456' }).expect(422);
    expect(res.body.errors[0]).toMatchObject({ error_code: 1403 });
  });

  test.each([
    ['post', '/api/v1/user/mfa'],
    ['patch', '/api/v1/user/mfa/1'],
    ['delete', '/api/v1/user/1/mfa/1'],
    ['get', '/api/v1/user/1'],
  ] as const)('%s %s without a token answers 401 1102', async (method, path) => {
    const res = await h.request[method](path).send(method === 'get' || method === 'delete' ? undefined : { status: { id: 1 }, code: '1', type: { id: 1 }, password: 'p' }).expect(401);
    expect(res.body).toMatchObject({ error_code: 1102, error_token: 'InvalidToken' });
  });
});

describe('GET /api/v1/user/{user_id}', () => {
  test.each([
    ['the numeric id', () => String(h.runtime.users.byEmail('emnify', pending.email)!.id)],
    ['the username', () => pending.username!],
  ])('finds a user by %s', async (_label, ref) => {
    const token = await authToken(active.username!, active.password!);
    const res = await h.request.get(`/api/v1/user/${encodeURIComponent(ref())}`).set(bearer(token)).expect(200);
    expect(res.body).toMatchObject({ username: pending.username, name: pending.name, status: { id: 0, description: 'ACTIVATION_PENDING' }, mfa: [] });
  });

  test('an unknown user answers 404 1201 NotFound', async () => {
    const token = await authToken(active.username!, active.password!);
    const res = await h.request.get('/api/v1/user/nobody@emnify.example').set(bearer(token)).expect(404);
    expect(res.body).toEqual({ error_code: 1201, error_token: 'NotFound', message: 'User not found' });
  });
});

describe('POST /api/v2/user/activation (accept-user-invitation)', () => {
  // The vendor requires a Bearer token here; the mock takes any valid auth_token of the world.
  const activateV2 = async (body: object) => h.request.post('/api/v2/user/activation').set(bearer(await authToken(active.username!, active.password!))).send(body);

  test('without a token it answers 401 InvalidToken, as every Bearer operation does', async () => {
    const res = await h.request.post('/api/v2/user/activation').send({ activationKey: pending.activationCode, password: 'some-password' }).expect(401);
    expect(res.body).toMatchObject({ error_code: 1102, error_token: 'InvalidToken' });
    expect(h.runtime.users.byEmail('emnify', pending.email)!.status).toBe('pending');
  });

  test('a user who has a password may keep it and set a name', async () => {
    expect((await activateV2({ activationKey: pending.activationCode, name: 'Renamed' })).status).toBe(204);
    expect(h.runtime.users.byEmail('emnify', pending.email)).toMatchObject({ status: 'active', name: 'Renamed' });
    await authToken(pending.username!, pending.password!);
  });

  test('an invited user without a password must choose one', async () => {
    await h.request.post('/__admin/users').send({ vendor: 'emnify', email: 'invited@emnify.example', status: 'pending' }).expect(201);
    const { code } = lastMail(h, 'invited@emnify.example');
    const refused = await activateV2({ activationKey: code });
    expect([refused.status, refused.body]).toEqual([422, expect.objectContaining({ error_code: 1400, message: expect.stringContaining('password is required') })]);
    expect((await activateV2({ activationKey: code, password: 'invited-password' })).status).toBe(204);
    await authToken('invited@emnify.example', 'invited-password');
  });

  test.each([
    [{ activationKey: 'unknown-key' }, 403, { error_code: 1104, error_token: 'Forbidden' }],
    [{}, 422, { error_code: 1400, error_token: 'InputValidationFailed' }],
  ])('%j answers %i', async (body, status, envelope) => {
    const res = await activateV2(body);
    expect([res.status, res.body]).toEqual([status, expect.objectContaining(envelope)]);
  });
});

test('whole flow: invitation mail, activation, login, password change, login with the new password, MFA set up', async () => {
  const email = 'flow.user@emnify.example';
  await h.request.post('/__admin/users').send({ vendor: 'emnify', email, status: 'pending', name: 'Flow User' }).expect(201);
  const inviter = await authToken(active.username!, active.password!);
  await h.request.post('/api/v2/user/activation').set(bearer(inviter)).send({ activationKey: lastMail(h, email).code, password: 'flow-password-1' }).expect(204);
  const token = await authToken(email, 'flow-password-1');
  await h.request.patch('/api/v1/user/password').set(bearer(token)).send({ old_password: 'flow-password-1', new_password: 'flow-password-2' }).expect(204);
  await authenticate({ username: email, password: sha1Hex('flow-password-1') }).expect(401);
  const fresh = await authToken(email, 'flow-password-2');
  const key = (await h.request.post('/api/v1/user/mfa').set(bearer(fresh)).send({ type: { id: 1 }, password: 'flow-password-2' }).expect(200)).body;
  await h.request.patch(`/api/v1/user/mfa/${key.id}`).set(bearer(fresh)).send({ status: { id: 1 }, code: totp(key.secret_key) }).expect(204);
  const { mfa_token } = (await authenticate({ username: email, password: sha1Hex('flow-password-2') }).expect(200)).body;
  await authenticate({ mfa_token, code: lastMail(h, email).code }).expect(200);
});

test.each([
  ['post', '/api/v1/user/mfa', true],
  ['patch', '/api/v1/user/mfa/1', true],
  ['post', '/api/v2/user/activation', true],
] as const)('%s %s answers 413 for a body over 100 kB', async (method, path, withToken) => {
  const req = h.request[method](path);
  if (withToken) req.set(bearer(await authToken(active.username!, active.password!)));
  const res = await req.send({ junk: 'x'.repeat(101 * 1024) }).expect(413);
  expect(res.body).toMatchObject({ error_code: 1400 });
});
