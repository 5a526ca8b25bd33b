import { createHarness, fixture, type Harness, type HarnessOptions } from '../support/harness';
import { login as loginAs, type Session } from './session-support';

const active = fixture('akana', 'active');
const pending = fixture('akana', 'pending activation');
const suspended = fixture('akana', 'suspended');
const admin = fixture('akana', 'site admin');

let h: Harness;
async function setup(options: HarnessOptions = {}): Promise<void> {
  h = await createHarness(options);
}
beforeEach(() => setup());
afterEach(() => expect(h.violations()).toEqual([]));

const login = (email = active.email, password = active.password!): Promise<Session> => loginAs(h, email, password);

/** The admin API's id of a seeded account, which is its Akana UserID as a decimal string. */
async function adminId(email: string): Promise<string> {
  const res = await h.request.get('/__admin/users').query({ vendor: 'akana', email }).expect(200);
  return String(res.body.users[0].id);
}

const getUser = (s: Session, id: string) => h.request.get(`/api/users/${id}`).set('Cookie', s.cookie).set('Accept', 'application/json');
const putUser = (s: Session, id: string, body: object) => h.request.put(`/api/users/${id}`).set('Cookie', s.cookie).set(s.csrf).set('Accept', 'text/plain').send(body);
const putPassword = (s: Session, id: string, body: object) => h.request.put(`/api/users/${id}/password`).set('Cookie', s.cookie).set(s.csrf).set('Accept', 'text/plain').send(body);
const deleteUser = (s: Session, id: string) => h.request.delete(`/api/users/${id}`).set('Cookie', s.cookie).set(s.csrf).set('Accept', 'text/plain');

describe('UserID', () => {
  test('is the decimal admin id: the admin users list’s id addresses GET /api/users/{UserID}, and login names it', async () => {
    const id = await adminId(active.email);
    const s = await login();
    expect(s.userID).toBe(id);
    const res = await getUser(s, id).expect(200);
    expect(res.body).toMatchObject({ UserID: id, UserName: active.email, Email: active.email, FirstName: 'Erick', LastName: 'Marquardt', State: 'registered', Disabled: false, Domain: 'Local Domain' });
  });
});

describe('GET /api/users/{UserID}', () => {
  test('needs no CSRF header (a GET), but a session', async () => {
    const id = await adminId(active.email);
    await h.request.get(`/api/users/${id}`).expect(401);
  });

  test('a user may not read another user (403, whether or not the UserID exists)', async () => {
    const s = await login();
    for (const id of [await adminId(pending.email), '999999', 'not-an-id']) {
      expect((await getUser(s, id).expect(403)).body).toEqual({ code: 403, message: 'Only the user or a Site Admin may do this' });
    }
  });

  test('a Site Admin reads any user, and gets 404 for an unknown UserID', async () => {
    const s = await login(admin.email, admin.password!);
    expect((await getUser(s, await adminId(pending.email)).expect(200)).body).toMatchObject({ Email: pending.email, State: 'pending_validation' });
    expect((await getUser(s, await adminId(suspended.email)).expect(200)).body).toMatchObject({ Disabled: true });
    expect((await getUser(s, '999999').expect(404)).body).toEqual({ code: 404, message: 'No user has this UserID' });
  });

  test('the Site Admins are the setting siteAdmins', async () => {
    await setup({ config: { apis: { akana: { siteAdmins: [active.email] } } } });
    await getUser(await login(), await adminId(pending.email)).expect(200);
    await getUser(await login(admin.email, admin.password!), await adminId(pending.email)).expect(403);
  });

  test('known literal paths keep their own methods: GET /api/users/signupUser is 405, not a UserID', async () => {
    const res = await h.request.get('/api/users/signupUser').expect(405);
    expect(res.headers.allow).toBe('POST');
  });
});

describe('PUT /api/users/{UserID}', () => {
  test('changes the user’s own name and address, answers the UserID as text, and the new address logs in', async () => {
    const s = await login();
    const res = await putUser(s, s.userID, { FirstName: 'Erica', Email: 'erica.m@akana.example', Title: 'kept as sent' }).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe(s.userID);
    expect((await getUser(s, s.userID).expect(200)).body).toMatchObject({ FirstName: 'Erica', LastName: 'Marquardt', Email: 'erica.m@akana.example', UserName: 'erica.m@akana.example' });
    await h.request.post('/api/login').send({ email: 'erica.m@akana.example', password: active.password }).expect(200);
    await h.request.post('/api/login').send({ email: active.email, password: active.password }).expect(401);
  });

  test('an address another user has answers 400 and changes nothing', async () => {
    const s = await login();
    expect((await putUser(s, s.userID, { Email: pending.email, FirstName: 'Changed' }).expect(400)).body).toEqual({ code: 400, message: 'A user with this e-mail address is already registered' });
    expect((await getUser(s, s.userID)).body.FirstName).toBe('Erick');
  });

  test('with usersMayChangeEmail off, only a Site Admin changes an address', async () => {
    await setup({ config: { apis: { akana: { usersMayChangeEmail: false } } } });
    const s = await login();
    await putUser(s, s.userID, { Email: 'other@akana.example' }).expect(403);
    await putUser(s, s.userID, { FirstName: 'Still' }).expect(200);
    await putUser(await login(admin.email, admin.password!), s.userID, { Email: 'other@akana.example' }).expect(200);
  });

  test.each([
    ['without the CSRF header', (s: Session) => h.request.put(`/api/users/${s.userID}`).set('Cookie', s.cookie).send({ FirstName: 'X' }), 401],
    ['for another user', (s: Session, other: string) => putUser(s, other, { FirstName: 'X' }), 403],
    ['with a 65-character FirstName', (s: Session) => putUser(s, s.userID, { FirstName: 'x'.repeat(65) }), 400],
    ['with Accept: application/json (the sample asks text/plain)', (s: Session) => putUser(s, s.userID, { FirstName: 'X' }).set('Accept', 'application/json'), 404],
  ])('%s answers %i', async (_label, call, status) => {
    const other = await adminId(pending.email);
    expect((await call(await login(), other)).status).toBe(status);
  });
});

describe('PUT /api/users/{UserID}/password', () => {
  test('changes the user’s own password with the old one; the session goes on', async () => {
    const s = await login();
    const res = await putPassword(s, s.userID, { OldPassword: active.password, NewPassword: 'new-password-1' }).expect(200);
    expect(res.text).toBe(s.userID);
    await h.request.post('/api/login').send({ email: active.email, password: active.password }).expect(401);
    await h.request.post('/api/login').send({ email: active.email, password: 'new-password-1' }).expect(200);
    await getUser(s, s.userID).expect(200);
  });

  test.each([
    ['a wrong OldPassword', { OldPassword: 'wrong', NewPassword: 'new-password-1' }, 'The old password is not correct'],
    ['no OldPassword', { NewPassword: 'new-password-1' }, 'OldPassword is required to change your own password'],
  ])('%s answers 400 and the password stays', async (_label, body, message) => {
    const s = await login();
    expect((await putPassword(s, s.userID, body).expect(400)).body).toEqual({ code: 400, message });
    await h.request.post('/api/login').send({ email: active.email, password: active.password }).expect(200);
  });

  test('a Site Admin sets another user’s password without the old one; a user may not', async () => {
    const id = await adminId(active.email);
    await putPassword(await login(admin.email, admin.password!), id, { NewPassword: 'set-by-admin-1' }).expect(200);
    await h.request.post('/api/login').send({ email: active.email, password: 'set-by-admin-1' }).expect(200);
    const user = await login(active.email, 'set-by-admin-1');
    await putPassword(user, await adminId(admin.email), { NewPassword: 'hijacked-1' }).expect(403);
  });

  test('a body of a vnd.soa media type is read as JSON', async () => {
    const s = await login();
    const body = JSON.stringify({ OldPassword: active.password, NewPassword: 'new-password-2' });
    await h.request.put(`/api/users/${s.userID}/password`).set('Cookie', s.cookie).set(s.csrf).set('Content-Type', 'application/vnd.soa.v81+json').send(body).expect(200);
  });

  test('without the CSRF header answers 401', async () => {
    const s = await login();
    await h.request.put(`/api/users/${s.userID}/password`).set('Cookie', s.cookie).send({ OldPassword: active.password, NewPassword: 'x' }).expect(401);
  });
});

describe('DELETE /api/users/{UserID}', () => {
  test('a Site Admin deletes a user: 200 text/plain with the UserID; the user can no longer log in and the user’s sessions end', async () => {
    const victim = await login();
    const s = await login(admin.email, admin.password!);
    const res = await deleteUser(s, victim.userID).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe(victim.userID);
    await h.request.post('/api/login').send({ email: active.email, password: active.password }).expect(401);
    await getUser(victim, victim.userID).expect(401);
    await h.request.get('/__admin/users').query({ vendor: 'akana', email: active.email }).expect(200).expect((r) => expect(r.body.users).toEqual([]));
    await deleteUser(s, victim.userID).expect(404);
  });

  test.each([
    ['another user', async () => adminId(pending.email)],
    ['the user themself (Site Admin only)', async () => (await login()).userID],
  ])('a user who is no Site Admin may not delete %s (403)', async (_label, id) => {
    const s = await login();
    await deleteUser(s, await id()).expect(403);
  });

  test('without the CSRF header answers 401 and deletes nothing', async () => {
    const s = await login(admin.email, admin.password!);
    const id = await adminId(pending.email);
    await h.request.delete(`/api/users/${id}`).set('Cookie', s.cookie).expect(401);
    await getUser(s, id).expect(200);
  });
});
