import { currentTotp } from '../../mock-server/domain/totp';
import { compiledSpecs, createHarness, fixture, lastMail, type Harness } from '../support/harness';

const active = fixture('edge-impulse', 'active');
const pending = fixture('edge-impulse', 'pending activation');
const suspended = fixture('edge-impulse', 'suspended');
const mfa = fixture('edge-impulse', 'active, MFA enabled');
const thirdParty = fixture('edge-impulse', 'outstanding third-party code');

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => {
  // Every response of every test is checked against the spec.
  expect(h.violations()).toEqual([]);
});

const post = (path: string, body?: object) => h.request.post(`/v1${path}`).set('Content-Type', 'application/json').send(body ?? '');

async function loginToken(username: string, password: string): Promise<string> {
  const res = await post('/api-login', { username, password }).expect(200);
  expect(res.body.success).toBe(true);
  return res.body.token as string;
}

describe('login', () => {
  test.each([
    ['the username', active.username!, active.password!],
    ['the e-mail address', active.email, active.password!],
    ['the e-mail address in other case', active.email.toUpperCase(), active.password!],
    ['a pending user (who needs a token to request activation)', pending.username!, pending.password!],
  ])('with %s and the right password returns a JWT and sets the jwt cookie', async (_label, username, password) => {
    const res = await post('/api-login', { username, password }).expect(200);
    expect(res.body).toEqual({ success: true, token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });
    expect(res.headers['set-cookie'][0]).toMatch(new RegExp(`^jwt=${res.body.token}; .*HttpOnly`));
  });

  test.each([
    ['a wrong password', active.username!, 'wrong-password'],
    ['an unknown user', 'nobody-here', 'whatever-password'],
    ['a suspended user', suspended.username!, suspended.password!],
  ])('with %s answers success: false', async (_label, username, password) => {
    const res = await post('/api-login', { username, password }).expect(200);
    expect(res.body.success).toBe(false);
    expect(res.body.error).toEqual(expect.any(String));
    expect(res.body.token).toBeUndefined();
  });

  test('an MFA user without totpToken gets the documented ERR_TOTP_TOKEN error', async () => {
    const res = await post('/api-login', { username: mfa.username, password: mfa.password }).expect(200);
    expect(res.body.success).toBe(false);
    expect(res.body.error).toMatch(/^ERR_TOTP_TOKEN IS REQUIRED/);
  });

  test('an MFA user with a wrong totpToken is refused and with the current one logs in', async () => {
    const bad = await post('/api-login', { username: mfa.username, password: mfa.password, totpToken: '000000' }).expect(200);
    expect(bad.body.success).toBe(false);
    const good = await post('/api-login', { username: mfa.username, password: mfa.password, totpToken: currentTotp(mfa.mfaSecret!, h.clock.now()) }).expect(200);
    expect(good.body.success).toBe(true);
  });

  test.each([
    ['no password', { username: 'jan' }, 'password is required'],
    ['a number as username', { username: 5, password: 'x' }, 'username must be of type string'],
    ['an unknown ssoType', { username: 'jan', password: 'x', ssoType: 'desktop' }, 'ssoType must be one of browser, cli'],
  ])('a body with %s answers 400 naming the field', async (_label, body, error) => {
    const res = await post('/api-login', body).expect(400);
    expect(res.body).toEqual({ success: false, error });
  });
});

describe('JWT-only operations', () => {
  const JWT_ONLY: [string, object | undefined][] = [
    ['/api/user/request-activation', undefined],
    ['/api/user/activate', { code: 'x' }],
    ['/api/user/by-third-party-activation-code', { activationCode: 'x' }],
    ['/api/user/activate-by-third-party-activation-code', { activationCode: 'x', username: 'someone', password: 'longenough' }],
  ];

  test.each(JWT_ONLY)('%s without credentials answers 401 in the GenericApiResponse envelope', async (path, body) => {
    const res = await post(path, body).expect(401);
    expect(res.body).toEqual({ success: false, error: expect.stringContaining('only available through a JWT token') });
  });

  test.each(JWT_ONLY)('%s with only an x-api-key is refused with an error that says a JWT is required', async (path, body) => {
    const res = await post(path, body).set('x-api-key', 'ei_0123456789abcdef').expect(401);
    expect(res.body.error).toMatch(/JWT token; an API key is not accepted/);
  });

  test.each([
    ['a token signed with another secret', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'],
    ['garbage', 'not-a-jwt'],
  ])('%s in x-jwt-token answers 401', async (_label, token) => {
    const res = await post('/api/user/request-activation').set('x-jwt-token', token).expect(401);
    expect(res.body.success).toBe(false);
  });

  test('an expired token answers 401', async () => {
    const token = await loginToken(pending.username!, pending.password!);
    h.clock.advance(8 * 24 * 3600_000);
    await post('/api/user/request-activation').set('x-jwt-token', token).expect(401);
  });

  test('the token is accepted from the jwt cookie as well as the x-jwt-token header', async () => {
    const token = await loginToken(pending.username!, pending.password!);
    expect((await post('/api/user/request-activation').set('Cookie', `jwt=${token}`).expect(200)).body).toEqual({ success: true });
    expect((await post('/api/user/request-activation').set('x-jwt-token', token).expect(200)).body).toEqual({ success: true });
  });
});

describe('activation of the current user', () => {
  test('a pending user gets a new code by mail, even with an empty JSON body as vendor clients send', async () => {
    const token = await loginToken(pending.username!, pending.password!);
    const before = h.runtime.mailbox.list({ to: pending.email }).length;
    const res = await h.request.post('/v1/api/user/request-activation').set('x-jwt-token', token).set('Content-Type', 'application/json').expect(200);
    expect(res.body).toEqual({ success: true });
    const mails = h.runtime.mailbox.list({ to: pending.email });
    expect(mails).toHaveLength(before + 1);
    expect(mails[0]).toMatchObject({ vendor: 'edge-impulse', kind: 'activation', subject: expect.stringContaining('Activate') });
    expect(mails[0].text).toContain(mails[0].code);
  });

  test('an active user requesting a code gets success: false and no mail', async () => {
    const token = await loginToken(active.username!, active.password!);
    const res = await post('/api/user/request-activation').set('x-jwt-token', token).expect(200);
    expect(res.body).toEqual({ success: false, error: 'User is already activated' });
    expect(h.runtime.mailbox.list({ to: active.email })).toEqual([]);
  });

  test('a new code voids the previous one', async () => {
    const token = await loginToken(pending.username!, pending.password!);
    await post('/api/user/request-activation').set('x-jwt-token', token);
    const first = lastMail(h, pending.email).code;
    await post('/api/user/request-activation').set('x-jwt-token', token);
    const second = lastMail(h, pending.email).code;
    expect(second).not.toBe(first);
    expect((await post('/api/user/activate', { code: first }).set('x-jwt-token', token)).body.success).toBe(false);
    expect((await post('/api/user/activate', { code: second }).set('x-jwt-token', token)).body).toEqual({ success: true });
  });

  test.each([
    ['a wrong code', async () => 'ffffffffffffffffffff'],
    ['an expired code', async () => {
      h.clock.advance(24 * 3600_000 + 1);
      return pending.activationCode!;
    }],
  ])('%s answers success: false and leaves the user pending', async (_label, code) => {
    const token = await loginToken(pending.username!, pending.password!);
    const res = await post('/api/user/activate', { code: await code() }).set('x-jwt-token', token).expect(200);
    expect(res.body).toEqual({ success: false, error: 'Invalid or expired code' });
    expect(h.runtime.users.byEmail('edge-impulse', pending.email)!.status).toBe('pending');
  });

  test('a used code answers success: false the second time', async () => {
    const token = await loginToken(pending.username!, pending.password!);
    expect((await post('/api/user/activate', { code: pending.activationCode }).set('x-jwt-token', token)).body).toEqual({ success: true });
    expect((await post('/api/user/activate', { code: pending.activationCode }).set('x-jwt-token', token)).body.success).toBe(false);
  });

  test('50 parallel uses of one code give exactly one success', async () => {
    const token = await loginToken(pending.username!, pending.password!);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => post('/api/user/activate', { code: pending.activationCode }).set('x-jwt-token', token)),
    );
    expect(results.filter((r) => r.body.success === true)).toHaveLength(1);
    expect(results.filter((r) => r.body.success === false)).toHaveLength(49);
  });

  test('whole flow: a pending user logs in, requests activation, reads the code from the mailbox and activates', async () => {
    const created = await h.request.post('/__admin/users').send({ vendor: 'edge-impulse', email: 'new.dev@edgeimpulse.example', username: 'new-dev', password: 'first-password', status: 'pending' }).expect(201);
    expect(created.body.status).toBe('pending');
    const token = await loginToken('new-dev', 'first-password');
    await post('/api/user/request-activation').set('x-jwt-token', token).expect(200);
    const mailbox = await h.request.get('/__admin/mailbox').query({ to: 'new.dev@edgeimpulse.example', kind: 'activation' }).expect(200);
    const code = mailbox.body.messages[0].code as string;
    expect((await post('/api/user/activate', { code }).set('x-jwt-token', token).expect(200)).body).toEqual({ success: true });
    const users = await h.request.get('/__admin/users').query({ vendor: 'edge-impulse', email: 'new.dev@edgeimpulse.example' }).expect(200);
    expect(users.body.users[0]).toMatchObject({ status: 'active', activatedAt: expect.any(String) });
  });
});

describe('third-party activation', () => {
  let token: string;
  beforeEach(async () => {
    token = await loginToken(active.username!, active.password!);
  });

  test('getUserByThirdPartyActivationCode describes the pending user', async () => {
    const res = await post('/api/user/by-third-party-activation-code', { activationCode: thirdParty.thirdPartyActivationCode }).set('x-jwt-token', token).expect(200);
    expect(res.body).toMatchObject({ success: true, id: expect.any(Number), username: '', name: thirdParty.name, email: thirdParty.email, created: expect.any(String), pending: true, activated: false, mfaConfigured: false, passwordConfigured: false });
  });

  test('an unknown third-party code answers success: false', async () => {
    const res = await post('/api/user/by-third-party-activation-code', { activationCode: 'nope' }).set('x-jwt-token', token).expect(200);
    expect(res.body.success).toBe(false);
  });

  test.each([
    ['a username shorter than 4 characters', { username: 'abc', password: 'longenough' }, /Username 'abc' is not valid/],
    ['a username with two dots in a row', { username: 'a..bc', password: 'longenough' }, /Username 'a..bc' is not valid/],
    ['a username starting with an underscore', { username: '_abcd', password: 'longenough' }, /Username '_abcd' is not valid/],
    ['a password of 7 characters', { username: 'valid-name', password: '1234567' }, /password must have at least 8 characters/],
  ])('activation with %s answers success: false, as the vendor enforces its prose rules on the server', async (_label, body, error) => {
    const res = await post('/api/user/activate-by-third-party-activation-code', { activationCode: thirdParty.thirdPartyActivationCode, ...body }).set('x-jwt-token', token).expect(200);
    expect(res.body).toEqual({ success: false, error: expect.stringMatching(error) });
    // The code is still usable.
    expect((await post('/api/user/by-third-party-activation-code', { activationCode: thirdParty.thirdPartyActivationCode }).set('x-jwt-token', token)).body.success).toBe(true);
  });

  test('a username that is taken answers success: false and keeps the code usable', async () => {
    const res = await post('/api/user/activate-by-third-party-activation-code', { activationCode: thirdParty.thirdPartyActivationCode, username: active.username, password: 'longenough' }).set('x-jwt-token', token).expect(200);
    expect(res.body).toEqual({ success: false, error: 'Username is already in use' });
    await post('/api/user/by-third-party-activation-code', { activationCode: thirdParty.thirdPartyActivationCode }).set('x-jwt-token', token).expect(200).expect((r) => expect(r.body.success).toBe(true));
  });

  test('whole flow: a third party creates a user; it is activated with a username, password and name, and logs in', async () => {
    const created = await h.request.post('/__admin/third-party-activation-codes').send({ email: 'partner.user@edgeimpulse.example', name: 'Partner User' }).expect(201);
    const { activationCode, userId } = created.body as { activationCode: string; userId: number };
    expect(lastMail(h, 'partner.user@edgeimpulse.example')).toMatchObject({ kind: 'third-party-activation', code: activationCode });
    const res = await post('/api/user/activate-by-third-party-activation-code', { activationCode, username: 'partner.user', password: 'partner-password', name: 'P. User', privacyPolicy: true }).set('x-jwt-token', token).expect(200);
    expect(res.body).toEqual({ success: true, token: expect.any(String) });
    // The fresh token is the new user's own.
    const me = await post('/api/user/request-activation').set('x-jwt-token', res.body.token).expect(200);
    expect(me.body).toEqual({ success: false, error: 'User is already activated' });
    expect(h.runtime.users.byId(userId)).toMatchObject({ username: 'partner.user', name: 'P. User', status: 'active' });
    await loginToken('partner.user', 'partner-password');
    // The code is single-use.
    expect((await post('/api/user/by-third-party-activation-code', { activationCode }).set('x-jwt-token', token)).body.success).toBe(false);
  });
});

describe('password reset', () => {
  test.each([
    ['an existing account', active.email, 1],
    ['an unknown address', 'nobody@edgeimpulse.example', 0],
  ])('requestResetPassword for %s (%s) answers success: true and mails %i code(s)', async (_label, email, mails) => {
    const res = await post('/api-user-request-reset-password', { email }).expect(200);
    expect(res.body).toEqual({ success: true });
    expect(h.runtime.mailbox.list({ to: email, kind: 'password-reset' })).toHaveLength(mails);
  });

  test('verifyResetPassword tells a valid code from a wrong one', async () => {
    await post('/api-user-request-reset-password', { email: active.email });
    const { code } = lastMail(h, active.email);
    expect((await post('/api-user-verify-reset-password-code', { email: active.email, code })).body).toEqual({ success: true });
    expect((await post('/api-user-verify-reset-password-code', { email: active.email, code: 'wrong' })).body.success).toBe(false);
    expect((await post('/api-user-verify-reset-password-code', { email: 'nobody@edgeimpulse.example', code })).body.success).toBe(false);
  });

  test('resetPassword refuses a password under 8 characters without using up the code', async () => {
    await post('/api-user-request-reset-password', { email: active.email });
    const { code } = lastMail(h, active.email);
    const res = await post('/api-user-reset-password', { email: active.email, code, newPassword: 'short' }).expect(200);
    expect(res.body).toEqual({ success: false, error: 'The password must have at least 8 characters' });
    expect((await post('/api-user-verify-reset-password-code', { email: active.email, code })).body).toEqual({ success: true });
  });

  test('whole flow: the code resets the password once; the old password fails and the new one logs in', async () => {
    await post('/api-user-request-reset-password', { email: active.email });
    const { code } = lastMail(h, active.email);
    expect((await post('/api-user-reset-password', { email: active.email, code, newPassword: 'brand-new-password' })).body).toEqual({ success: true });
    expect((await post('/api-login', { username: active.username, password: active.password })).body.success).toBe(false);
    await loginToken(active.username!, 'brand-new-password');
    expect((await post('/api-user-reset-password', { email: active.email, code, newPassword: 'another-password' })).body.success).toBe(false);
  });

  test('whole flow with the clock moved past expiry: the code no longer works', async () => {
    await post('/api-user-request-reset-password', { email: active.email });
    const { code } = lastMail(h, active.email);
    await h.request.post('/__admin/clock').send({ advanceMs: 3600_000 + 1 }).expect(200);
    expect((await post('/api-user-verify-reset-password-code', { email: active.email, code })).body.success).toBe(false);
    expect((await post('/api-user-reset-password', { email: active.email, code, newPassword: 'brand-new-password' })).body).toEqual({ success: false, error: 'Invalid or expired code' });
    await loginToken(active.username!, active.password!);
  });
});

test('every Edge Impulse operation was exercised and checked against the spec', async () => {
  // A smoke pass through every operation, so a new operation without a test shows up here.
  const token = await loginToken(pending.username!, pending.password!);
  await post('/api-user-request-reset-password', { email: active.email });
  await post('/api-user-verify-reset-password-code', { email: active.email, code: 'x' });
  await post('/api-user-reset-password', { email: active.email, code: 'x', newPassword: 'longenough' });
  await post('/api/user/request-activation').set('x-jwt-token', token);
  await post('/api/user/activate', { code: 'x' }).set('x-jwt-token', token);
  await post('/api/user/by-third-party-activation-code', { activationCode: 'x' }).set('x-jwt-token', token);
  await post('/api/user/activate-by-third-party-activation-code', { activationCode: 'x', username: 'someone', password: 'longenough' }).set('x-jwt-token', token);
  await post('/api-user-create', { name: 'N', username: 'new-user', email: 'new.user@edgeimpulse.example', privacyPolicy: true, turnstileResponse: 't' });
  await h.request.get('/v1/api/user').set('x-jwt-token', token);
  await post('/api/user/change-password', { currentPassword: 'wrong', newPassword: 'longenough' }).set('x-jwt-token', token);
  await post('/api/user/mfa/totp/create-key').set('x-jwt-token', token);
  await post('/api/user/mfa/totp/set-key', { key: 'K', totpToken: '000000' }).set('x-jwt-token', token);
  await post('/api/user/mfa/totp/clear', { totpToken: '000000' }).set('x-jwt-token', token);
  for (const method of ['post', 'delete'] as const) await h.request[method]('/v1/api/user').set('Content-Type', 'application/json').send({ password: 'wrong' }).set('x-jwt-token', token);
  for (const path of [`/api-user-need-to-set-password/${active.username}`, `/api-sso/${active.username}`, '/api/emails/1']) await h.request.get(`/v1${path}`);
  const posts: [string, object][] = [[`/api/emails/${active.email}/request-verification`, { redirectUrl: 'r' }], ['/api/emails/verify', { code: 'x' }], ['/api/signup-approval/verify', { code: 'x' }], ['/api/emails/validate', { email: active.email }]];
  for (const [path, body] of posts) await post(path, body);
  const all = (await compiledSpecs()).get('edge-impulse')!.operations.map((o) => `edge-impulse ${o.operationId}`);
  expect([...h.checkedOperations()].filter((id) => id.startsWith('edge-impulse')).sort()).toEqual(all.sort());
});
