import { sha1Hex } from '../../mock-server/apis/emnify/accounts';
import { createHarness, fixture, lastMail, type Harness } from '../support/harness';

const active = fixture('emnify', 'active');
const pending = fixture('emnify', 'pending activation');
const suspended = fixture('emnify', 'suspended');

let h: Harness;
let admin: Record<string, string>;
beforeEach(async () => {
  h = await createHarness();
  admin = await bearerOf(active.username!, active.password!);
});
afterEach(() => expect(h.violations()).toEqual([]));

const authenticate = (username: string, password: string) => h.request.post('/api/v1/authenticate').send({ username, password: sha1Hex(password) });
async function bearerOf(username: string, password: string): Promise<Record<string, string>> {
  const res = await authenticate(username, password).expect(200);
  return { Authorization: `Bearer ${res.body.auth_token as string}` };
}
const idOf = (email: string): number => h.runtime.users.byEmail('emnify', email)!.id;
const createUser = (body: object) => h.request.post('/api/v1/user').set(admin).send(body);
const patchUser = (id: number | string, body: object) => h.request.patch(`/api/v1/user/${id}`).set(admin).send(body);

describe('POST /api/v1/user (create user)', () => {
  test('answers 201 with an empty body and Location; the user is ACTIVATION_PENDING and is mailed an activation key', async () => {
    const res = await createUser({ username: 'eabbot@flatland.example', name: 'Edwin Abbott', organisation: { id: 1 }, roles: [{ id: 1 }] }).expect(201);
    expect(res.text).toBe('');
    const id = idOf('eabbot@flatland.example');
    expect(res.headers.location).toBe(`/api/v1/user/${id}`);
    const shown = await h.request.get(res.headers.location).set(admin).expect(200);
    expect(shown.body).toMatchObject({ id, username: 'eabbot@flatland.example', name: 'Edwin Abbott', status: { id: 0, description: 'ACTIVATION_PENDING' } });
    const mail = lastMail(h, 'eabbot@flatland.example');
    expect(mail).toMatchObject({ vendor: 'emnify', kind: 'activation' });
    await authenticate('eabbot@flatland.example', 'any-password').expect(401);
    await h.request.post('/api/v1/user/activation').send({ activationKey: mail.code, password: 'flatland-1' }).expect(204);
    await authenticate('eabbot@flatland.example', 'flatland-1').expect(200);
  });

  test('a status in the request is ignored: a new user is always pending', async () => {
    await createUser({ username: 'status@flatland.example', name: 'S', status: { id: 1 } }).expect(201);
    expect(h.runtime.users.byEmail('emnify', 'status@flatland.example')!.status).toBe('pending');
  });

  test.each([
    ['a missing username', { name: 'No Username' }, 422, 1400],
    ['a username that is no e-mail address', { username: 'not-an-address', name: 'N' }, 422, 1400],
    ['another organisation', { username: 'org@flatland.example', name: 'O', organisation: { id: 7 } }, 422, 1401],
    ['a username that is taken', { username: active.username, name: 'Taken' }, 409, 409],
  ])('%s answers %i with error_code %i', async (_label, body, status, code) => {
    const before = h.runtime.users.size;
    const res = await createUser(body).expect(status);
    expect(res.body.error_code).toBe(code);
    expect(h.runtime.users.size).toBe(before);
  });

  test('without a token it answers 401 and creates nobody', async () => {
    await h.request.post('/api/v1/user').send({ username: 'x@flatland.example', name: 'X' }).expect(401);
    expect(h.runtime.users.byEmail('emnify', 'x@flatland.example')).toBeUndefined();
  });
});

describe('PATCH /api/v1/user/{user_id}', () => {
  // The vendor's transitions: ACTIVE ⇄ SUSPENDED, and ACTIVATION_PENDING → SUSPENDED; every other one is refused.
  const seeded = { active, pending, suspended };
  test.each([
    ['active', 2, 204, 'suspended'],
    ['suspended', 1, 204, 'active'],
    ['pending', 2, 204, 'suspended'],
    ['active', 0, 422, 'active'],
    ['pending', 1, 422, 'pending'],
    ['suspended', 0, 422, 'suspended'],
    ['active', 1, 204, 'active'],
    ['active', 9, 422, 'active'],
  ] as const)('the %s user to status %i answers %i, leaving it %s', async (from, to, status, after) => {
    const { email } = seeded[from];
    await patchUser(idOf(email), { status: { id: to } }).expect(status);
    expect(h.runtime.users.byEmail('emnify', email)!.status).toBe(after);
  });

  test('a suspended user cannot log in, and the tokens issued before are refused', async () => {
    const own = await bearerOf(active.username!, active.password!);
    await patchUser(idOf(active.email), { status: { id: 2 } }).expect(204);
    await authenticate(active.username!, active.password!).expect(401);
    await h.request.get('/api/v1/user/mfa/status').set(own).expect(401);
  });

  test('a pending user who never set a password is suspended, and cannot be made ACTIVE (it must activate)', async () => {
    await createUser({ username: 'never@flatland.example', name: 'Never' }).expect(201);
    const id = idOf('never@flatland.example');
    await patchUser(id, { status: { id: 2 } }).expect(204);
    const res = await patchUser(id, { status: { id: 1 } }).expect(422);
    expect(res.body.message).toContain('never set a password');
  });

  test('a new name changes the name only', async () => {
    await patchUser(idOf(active.email), { name: 'New Name' }).expect(204);
    expect(h.runtime.users.byEmail('emnify', active.email)).toMatchObject({ name: 'New Name', status: 'active' });
  });

  test('a new username makes the user pending, mails the new address and ends the old tokens', async () => {
    const own = await bearerOf(active.username!, active.password!);
    const id = idOf(active.email);
    await patchUser(id, { username: 'moved@emnify.example' }).expect(204);
    const user = h.runtime.users.byId(id)!;
    expect(user).toMatchObject({ email: 'moved@emnify.example', username: 'moved@emnify.example', status: 'pending' });
    await h.request.get('/api/v1/user/mfa/status').set(own).expect(401);
    await authenticate('moved@emnify.example', active.password!).expect(401);
    await h.request.post('/api/v1/user/activation').send({ activationKey: lastMail(h, 'moved@emnify.example').code, password: 'moved-1' }).expect(204);
    await authenticate('moved@emnify.example', 'moved-1').expect(200);
    await authenticate(active.username!, active.password!).expect(401);
  });

  test('the same username in another case is no change', async () => {
    await patchUser(idOf(active.email), { username: active.username!.toUpperCase() }).expect(204);
    expect(h.runtime.users.byEmail('emnify', active.email)!.status).toBe('active');
  });

  test.each([
    ['another user’s username', { username: pending.username }, 409],
    ['another organisation', { organisation: { id: 2 } }, 422],
    ['a username that is no e-mail address', { username: 'nobody' }, 422],
  ])('%s is refused and changes nothing, not even the name sent with it', async (_label, body, status) => {
    await patchUser(idOf(active.email), { ...body, name: 'Should Not Stick' }).expect(status);
    expect(h.runtime.users.byEmail('emnify', active.email)).toMatchObject({ name: active.name, status: 'active' });
  });

  test('an unknown user answers 404 1201 NotFound', async () => {
    const res = await patchUser(9999, { name: 'x' }).expect(404);
    expect(res.body).toEqual({ error_code: 1201, error_token: 'NotFound', message: 'User with id 9999 not found' });
  });
});

describe('DELETE /api/v1/user/{user_id}', () => {
  test('answers 204, then 404; the deleted user’s tokens stop working and the login is gone', async () => {
    const refresh = (await authenticate(active.username!, active.password!)).body.refresh_token as string;
    const id = idOf(active.email);
    // Someone to look with afterwards, since the deleted user's own token stops working.
    await h.request.post('/__admin/users').send({ vendor: 'emnify', email: 'watcher@emnify.example', password: 'watcher-1' }).expect(201);
    const watcher = await bearerOf('watcher@emnify.example', 'watcher-1');
    await h.request.delete(`/api/v1/user/${id}`).set(admin).expect(204);
    await h.request.get(`/api/v1/user/${id}`).set(watcher).expect(404);
    await h.request.get('/api/v1/user/mfa/type').set(admin).expect(401);
    await h.request.post('/api/v1/authenticate').send({ refresh_token: refresh }).expect(401);
    await authenticate(active.username!, active.password!).expect(401);
  });

  test('another user deleted is not found afterwards, by id or by username', async () => {
    const id = idOf(pending.email);
    await h.request.delete(`/api/v1/user/${id}`).set(admin).expect(204);
    await h.request.get(`/api/v1/user/${id}`).set(admin).expect(404);
    await h.request.get(`/api/v1/user/${encodeURIComponent(pending.email)}`).set(admin).expect(404);
    await h.request.delete(`/api/v1/user/${id}`).set(admin).expect(404);
    // Its activation key went with it.
    await h.request.post('/api/v1/user/activation').send({ activationKey: pending.activationCode, password: 'too-late-1' }).expect(400);
  });

  test('a user id that is not a number answers 422', async () => {
    await h.request.delete('/api/v1/user/not-a-number').set(admin).expect(422);
  });
});

describe('the admin API and the EMnify API name a user by the same id', () => {
  test('the id GET /__admin/users lists is the user_id GET /api/v1/user/{user_id} finds', async () => {
    const listed = await h.request.get(`/__admin/users?vendor=emnify&email=${encodeURIComponent(pending.email)}`).expect(200);
    const [user] = listed.body.users as { id: number; email: string }[];
    const res = await h.request.get(`/api/v1/user/${user.id}`).set(admin).expect(200);
    expect(res.body).toMatchObject({ id: user.id, username: pending.username });
  });
});

describe('POST /api/v2/user/invitation', () => {
  const invite = (body: object) => h.request.post('/api/v2/user/invitation').set(admin).send(body);

  test('creates a pending user, answers it with 201, and sends no mail', async () => {
    const res = await invite({ username: 'guest@emnify.example', name: 'Guest' }).expect(201);
    expect(res.body).toEqual({ id: idOf('guest@emnify.example'), username: 'guest@emnify.example', name: 'Guest', organisation: { id: 1 }, roles: [{ id: 1, name: 'Administrator' }] });
    expect(h.runtime.users.byEmail('emnify', 'guest@emnify.example')!.status).toBe('pending');
    expect(h.runtime.mailbox.list({ to: 'guest@emnify.example' })).toEqual([]);
  });

  test('the invited user asks for the activation mail and accepts with its key', async () => {
    await invite({ username: 'guest@emnify.example', name: 'Guest' }).expect(201);
    await h.request.post('/api/v1/user/activation_resend').send({ username: 'guest@emnify.example', 'g-recaptcha-response': 'ok' }).expect(204);
    const { code } = lastMail(h, 'guest@emnify.example');
    await h.request.post('/api/v2/user/activation').set(admin).send({ activationKey: code, password: 'guest-1', name: 'Guest Name' }).expect(204);
    await authenticate('guest@emnify.example', 'guest-1').expect(200);
    expect(h.runtime.users.byEmail('emnify', 'guest@emnify.example')!.name).toBe('Guest Name');
  });

  test.each([
    ['a pending user is assigned again', pending.email, 201],
    ['an active user’s username is taken', active.email, 409],
    ['a suspended user’s username is taken', suspended.email, 409],
  ])('%s (%s): %i', async (_label, username, status) => {
    await invite({ username, name: 'Again' }).expect(status);
  });

  test.each([
    [{ name: 'No Username' }, 1400],
    [{ username: 'guest@emnify.example', name: 'G', organisation: { id: 3 } }, 1401],
  ])('%j answers 400 with error_code %i', async (body, code) => {
    expect((await invite(body).expect(400)).body.error_code).toBe(code);
  });
});
