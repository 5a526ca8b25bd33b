import { createHarness, fixture, type Harness, type HarnessOptions } from '../support/harness';
import { cookiesOf, login as loginAs, setCookies, type Session } from './session-support';

const active = fixture('akana', 'active');
const admin = fixture('akana', 'site admin');

let h: Harness;
async function setup(options: HarnessOptions = {}): Promise<void> {
  h = await createHarness(options);
}
beforeEach(() => setup());
afterEach(() => expect(h.violations()).toEqual([]));

const login = (email = active.email, password = active.password!): Promise<Session> => loginAs(h, email, password);

const endsession = (s: Session) => h.request.get('/api/login/endsession').set('Cookie', s.cookie);
const logout = (s: Session) => h.request.post('/api/login/logout').set('Cookie', s.cookie).set(s.csrf).type('form');
const renew = (s: Session, csrf = s.csrf) => h.request.post('/api/login/renewToken').set('Cookie', s.cookie).set(csrf).type('form');
const getUser = (s: Session, id = s.userID) => h.request.get(`/api/users/${id}`).set('Cookie', s.cookie).set('Accept', 'application/json');

describe('endsession and logout', () => {
  test.each([
    ['GET /api/login/endsession', endsession],
    ['the deprecated POST /api/login/logout', logout],
  ])('%s answers 200 with no body, expires both cookies, and the session can no longer be used or renewed', async (_label, end) => {
    const s = await login();
    await getUser(s).expect(200);
    const res = await end(s).expect(200);
    expect(res.text).toBe('');
    const expired = setCookies(res)!.map((c) => c.split(';')[0]);
    expect(expired).toEqual(['AtmoAuthToken_authmock=none', 'Csrf-Token_authmock=none']);
    expect(setCookies(res)!.every((c) => c.includes('Expires=Thu, 01 Jan 1970 00:00:00 GMT'))).toBe(true);
    expect((await getUser(s).expect(401)).body).toEqual({ code: 401, message: 'Authentication (login) is required' });
    await renew(s).expect(401);
    await end(s).expect(401);
  });

  test('ending one session leaves the user’s other sessions working', async () => {
    const first = await login();
    const second = await login();
    expect(first.cookie).not.toBe(second.cookie);
    await endsession(first).expect(200);
    await getUser(second).expect(200);
  });

  test('a session that was renewed and then ended is refused with every cookie it had', async () => {
    const s = await login();
    h.clock.advance(60_000);
    const renewed = cookiesOf(await renew(s).expect(200));
    await endsession(s).expect(200);
    await getUser({ ...s, cookie: `AtmoAuthToken_authmock=${renewed.AtmoAuthToken_authmock}` }).expect(401);
  });

  test.each([
    ['no cookie', ''],
    ['a cookie that is no session', 'AtmoAuthToken_authmock=not-a-token'],
  ])('endsession with %s answers 401', async (_label, cookie) => {
    await h.request.get('/api/login/endsession').set('Cookie', cookie).expect(401);
  });

  test('endsession accepts returninstructions and event, and still answers no body (there is no external identity provider)', async () => {
    const s = await login();
    const res = await h.request.get('/api/login/endsession').query({ returninstructions: 'true', event: 'logout' }).set('Cookie', s.cookie).expect(200);
    expect(res.text).toBe('');
  });

  test('logout without the CSRF header answers 401 and the session goes on', async () => {
    const s = await login();
    const res = await h.request.post('/api/login/logout').set('Cookie', s.cookie).expect(401);
    expect(res.body).toEqual({ code: 401, message: "The X-Csrf-Token_authmock header is missing or not the session's" });
    await getUser(s).expect(200);
  });
});

describe('renewToken', () => {
  test('extends the session by another 30 minutes from now, with the same CSRF token', async () => {
    const s = await login();
    h.clock.advance(25 * 60_000);
    const res = await renew(s).expect(200);
    expect(res.text).toBe('');
    const [session, csrf] = setCookies(res)!;
    expect(session).toMatch(/^AtmoAuthToken_authmock=[\w-]+\.[\w-]+\.[\w-]+; Max-Age=1800; Path=\/; Expires=.*; HttpOnly; SameSite=Lax$/);
    expect(csrf.split(';')[0]).toBe(`Csrf-Token_authmock=${s.csrf['X-Csrf-Token_authmock']}`);
    const renewed = { ...s, cookie: session.split(';')[0] };
    h.clock.advance(20 * 60_000);
    // 45 minutes after login: the first cookie has expired, the renewed one has not.
    await getUser(s).expect(401);
    await getUser(renewed).expect(200);
  });

  test('an expired cookie cannot be renewed', async () => {
    const s = await login();
    h.clock.advance(30 * 60_000 + 1000);
    await renew(s).expect(401);
  });

  test.each([
    ['no CSRF header', {}],
    ['another session’s CSRF token', { 'X-Csrf-Token_authmock': '0'.repeat(32) }],
  ])('with %s answers 401', async (_label, csrf) => {
    const s = await login();
    await renew(s, csrf).expect(401);
  });

  test('the session lifetime is the setting sessionTtlSeconds', async () => {
    await setup({ config: { apis: { akana: { sessionTtlSeconds: 60 } } } });
    const s = await login();
    h.clock.advance(61_000);
    await renew(s).expect(401);
  });

  test('with csrfProtection off, no CSRF header is needed', async () => {
    await setup({ config: { apis: { akana: { csrfProtection: false } } } });
    const s = await login();
    await renew(s, {}).expect(200);
  });

  test('the cookie names follow fedMemberId', async () => {
    await setup({ config: { apis: { akana: { fedMemberId: 'acmepaymentscorp' } } } });
    const res = await h.request.post('/api/login').send({ email: active.email, password: active.password }).expect(200);
    const c = cookiesOf(res);
    await h.request.post('/api/login/renewToken').set('Cookie', `AtmoAuthToken_acmepaymentscorp=${c.AtmoAuthToken_acmepaymentscorp}`).set('X-Csrf-Token_acmepaymentscorp', c['Csrf-Token_acmepaymentscorp']).expect(200);
  });

  test('a session of a user who was suspended since is refused', async () => {
    const s = await login();
    await h.request.patch(`/__admin/users/${s.userID}`).send({ status: 'suspended' }).expect(200);
    await renew(s).expect(401);
  });

  test('a Site Admin logs in like any user', async () => {
    const s = await login(admin.email, admin.password!);
    await renew(s).expect(200);
  });
});
