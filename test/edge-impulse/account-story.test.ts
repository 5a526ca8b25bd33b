import { currentTotp } from '../../mock-server/domain/totp';
import { createHarness, fixture, lastMail, type Harness } from '../support/harness';

// Round 3 of the account story: profile updates, deletion, registration state,
// e-mail verification and validation, sign-up approval and SSO look-ups.
const active = fixture('edge-impulse', 'active');
const pending = fixture('edge-impulse', 'pending activation');
const mfa = fixture('edge-impulse', 'active, MFA enabled');
const noPassword = fixture('edge-impulse', 'signed up without a password');

let h: Harness;
const start = async (config?: Parameters<typeof createHarness>[0]) => {
  h = await createHarness(config);
};
afterEach(() => expect(h.violations()).toEqual([]));

const post = (path: string, body?: object) => h.request.post(`/v1${path}`).set('Content-Type', 'application/json').send(body ?? '');
const del = (token: string, body: object) => h.request.delete('/v1/api/user').set('Content-Type', 'application/json').set('x-jwt-token', token).send(body);
const get = (path: string) => h.request.get(`/v1${path}`);
async function loginToken(username: string, password: string, totpToken?: string): Promise<string> {
  const res = await post('/api-login', { username, password, totpToken }).expect(200);
  expect(res.body.success).toBe(true);
  return res.body.token as string;
}

describe('updateCurrentUser', () => {
  beforeEach(() => start());

  test('sets only the fields given, and getCurrentUser answers them', async () => {
    const token = await loginToken(active.username!, active.password!);
    await post('/api/user', { name: 'Margret S.', jobTitle: 'CTO', timezone: 'Europe/Amsterdam' }).set('x-jwt-token', token).expect(200, { success: true });
    await post('/api/user', { projectsSortOrder: 'name-asc', experiments: ['new-ui'] }).set('x-jwt-token', token).expect(200, { success: true });
    const me = (await get('/api/user').set('x-jwt-token', token).expect(200)).body;
    expect(me).toMatchObject({ name: 'Margret S.', jobTitle: 'CTO', timezone: 'Europe/Amsterdam', projectsSortOrder: 'name-asc', email: active.email });
    expect(me.experiments).toEqual([{ type: 'new-ui', title: 'new-ui', enabled: true, showToUser: true }]);
    expect(me).not.toHaveProperty('companyName');
  });

  test.each([
    ['a sort order outside the enum', { projectsSortOrder: 'random' }],
    ['a name that is not a string', { name: 42 }],
    ['more than 100 experiments', { experiments: Array.from({ length: 101 }, (_, i) => `e${i}`) }],
  ])('refuses %s with 400 in the vendor envelope', async (_, body) => {
    const token = await loginToken(active.username!, active.password!);
    const res = await post('/api/user', body).set('x-jwt-token', token).expect(400);
    expect(res.body).toEqual({ success: false, error: expect.any(String) });
  });

  test('without a JWT answers 401, and an API key alone is refused', async () => {
    await post('/api/user', { name: 'x' }).expect(401);
    await post('/api/user', { name: 'x' }).set('x-api-key', 'ei_0000').expect(401);
  });
});

describe('deleteCurrentUser', () => {
  beforeEach(() => start());

  test('with the password removes the account: its JWT and cookie stop working and login fails', async () => {
    const login = await post('/api-login', { username: active.username, password: active.password }).expect(200);
    const token = login.body.token as string;
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    await del(token, { password: active.password }).expect(200, { success: true });
    await get('/api/user').set('x-jwt-token', token).expect(401);
    await get('/api/user').set('Cookie', cookie).expect(401);
    expect((await post('/api-login', { username: active.username, password: active.password })).body).toEqual({ success: false, error: 'Username or password incorrect' });
    expect((await get(`/api-user-need-to-set-password/${active.username}`)).body).toEqual({ success: false, error: 'User not found' });
  });

  test.each([
    ['without the password', {}, 'Password is required'],
    ['with a wrong password', { password: 'wrong-password' }, 'Current password is incorrect'],
  ])('%s answers success: false and keeps the account', async (_, body, error) => {
    const token = await loginToken(active.username!, active.password!);
    expect((await del(token, body).expect(200)).body).toEqual({ success: false, error });
    await get('/api/user').set('x-jwt-token', token).expect(200);
  });

  test('an MFA user without totpToken gets the documented ERR_TOTP_TOKEN IS REQUIRED error, then deletes with one', async () => {
    const token = await loginToken(mfa.username!, mfa.password!, currentTotp(mfa.mfaSecret!, h.clock.now()));
    const refused = (await del(token, { password: mfa.password }).expect(200)).body;
    expect(refused).toEqual({ success: false, error: expect.stringMatching(/^ERR_TOTP_TOKEN IS REQUIRED/) });
    expect((await del(token, { password: mfa.password, totpToken: '000000' })).body).toEqual({ success: false, error: 'ERR_TOTP_TOKEN IS INVALID' });
    await del(token, { password: mfa.password, totpToken: currentTotp(mfa.mfaSecret!, h.clock.now()) }).expect(200, { success: true });
    await get('/api/user').set('x-jwt-token', token).expect(401);
  });

  test('a user without a password deletes with an empty body', async () => {
    // It has no password to log in with (a reset would set one), so its JWT comes from the world's token service.
    const user = h.runtime.users.byEmail('edge-impulse', noPassword.email)!;
    const token = h.runtime.tokens.issue(user, 'access', 60);
    await del(token, {}).expect(200, { success: true });
    expect(h.runtime.users.byEmail('edge-impulse', noPassword.email)).toBeUndefined();
  });

  test('needs a body, as the vendor requires one', async () => {
    const token = await loginToken(active.username!, active.password!);
    await h.request.delete('/v1/api/user').set('x-jwt-token', token).expect(400);
  });
});

describe('getUserNeedToSetPassword and getSSODomainIdPs', () => {
  test('answer the registration state, and no identity providers unless configured', async () => {
    await start();
    expect((await get(`/api-user-need-to-set-password/${encodeURIComponent(active.email)}`).expect(200)).body).toEqual({ success: true, email: active.email, needPassword: false, whitelabels: [], trials: [], emailVerified: true, idps: [] });
    expect((await get(`/api-user-need-to-set-password/${noPassword.username}`).expect(200)).body).toMatchObject({ email: noPassword.email, needPassword: true, emailVerified: false });
    expect((await get(`/api-user-need-to-set-password/${pending.username}`)).body).toMatchObject({ needPassword: false, emailVerified: false });
    expect((await get('/api-user-need-to-set-password/nobody-here')).body).toEqual({ success: false, error: 'User not found' });
    expect((await get(`/api-sso/${encodeURIComponent(active.email)}`).expect(200)).body).toEqual({ success: true, idps: [], needsPasswordSetup: false });
    expect((await get(`/api-sso/${noPassword.username}`)).body).toEqual({ success: true, idps: [], needsPasswordSetup: true });
    expect((await get('/api-sso/nobody@elsewhere.example')).body).toEqual({ success: true, idps: [] });
  });

  test('answer the providers the ssoDomainIdps setting names for the domain of an address, a user or a bare domain', async () => {
    await start({ config: { apis: { 'edge-impulse': { ssoDomainIdps: { 'EdgeImpulse.example': ['google', 'okta'] } } } } });
    const idps = ['google', 'okta'];
    expect((await get(`/api-sso/${noPassword.username}`)).body).toEqual({ success: true, idps, needsPasswordSetup: false });
    expect((await get('/api-sso/someone@edgeimpulse.example')).body).toEqual({ success: true, idps });
    expect((await get('/api-sso/edgeimpulse.example')).body).toEqual({ success: true, idps });
    expect((await get('/api-sso/other.example')).body).toEqual({ success: true, idps: [] });
    expect((await get(`/api-user-need-to-set-password/${active.username}`)).body).toMatchObject({ idps });
  });
});

describe('the /api/emails operations', () => {
  beforeEach(() => start());
  const address = 'new.person@somewhere.example';

  test('a requested code arrives in the mailbox, verifies the address once, and the status follows', async () => {
    const { id } = (await post(`/api/emails/${encodeURIComponent(address)}/request-verification`, { redirectUrl: 'https://studio.edgeimpulse.com/signup' }).expect(200)).body;
    expect(id).toEqual(expect.any(Number));
    expect((await get(`/api/emails/${id}`).expect(200)).body).toEqual({ success: true, verified: false });
    const mail = lastMail(h, address);
    expect(mail).toMatchObject({ kind: 'email-verification', vendor: 'edge-impulse' });
    expect(mail.text).toContain(mail.code);
    expect((await post('/api/emails/verify', { code: mail.code }).expect(200)).body).toEqual({ success: true, email: address, redirectUrl: 'https://studio.edgeimpulse.com/signup' });
    expect((await get(`/api/emails/${id}`)).body).toEqual({ success: true, verified: true });
    expect((await post('/api/emails/verify', { code: mail.code })).body).toEqual({ success: false, error: 'Invalid or expired code' });
  });

  test("verifying a user's address names the user, and getUserNeedToSetPassword calls it verified", async () => {
    await post(`/api/emails/${encodeURIComponent(pending.email)}/request-verification`, { redirectUrl: 'https://studio.edgeimpulse.com' }).expect(200);
    const verified = (await post('/api/emails/verify', { code: lastMail(h, pending.email).code })).body;
    expect(verified).toMatchObject({ success: true, email: pending.email, userId: expect.any(Number) });
    expect((await get(`/api-user-need-to-set-password/${pending.username}`)).body).toMatchObject({ emailVerified: true });
  });

  test('a second request voids the first code, and a code expires with emailVerificationCodeTtlMs', async () => {
    await post(`/api/emails/${encodeURIComponent(address)}/request-verification`, { redirectUrl: 'r' });
    const first = lastMail(h, address).code;
    await post(`/api/emails/${encodeURIComponent(address)}/request-verification`, { redirectUrl: 'r' });
    const second = lastMail(h, address).code;
    expect((await post('/api/emails/verify', { code: first })).body.success).toBe(false);
    await h.request.post('/__admin/clock').send({ advanceMs: 24 * 3600_000 }).expect(200);
    expect((await post('/api/emails/verify', { code: second })).body).toEqual({ success: false, error: 'Invalid or expired code' });
  });

  test.each([
    ['an unknown id', '/api/emails/999', 200, { success: false, error: 'Email verification request not found' }],
    ['an id that is not a number', '/api/emails/abc', 400, { success: false, error: expect.any(String) }],
  ])('getEmailVerificationStatus with %s', async (_, path, status, body) => {
    expect((await get(path).expect(status)).body).toEqual(body);
  });

  test('validateEmail answers the same verdict and score for the same address, and changes nothing', async () => {
    const mailBefore = h.runtime.mailbox.list({}).length;
    const first = (await post('/api/emails/validate', { email: 'jan.jongboom@edgeimpulse.com' }).expect(200)).body;
    expect(first).toEqual({ success: true, email: 'jan.jongboom@edgeimpulse.com', verdict: 'Valid', score: expect.any(Number), local: 'jan.jongboom', host: 'edgeimpulse.com' });
    expect((await post('/api/emails/validate', { email: 'jan.jongboom@edgeimpulse.com' })).body).toEqual(first);
    expect((await post('/api/emails/validate', { email: 'risky@edgeimpulse.com' })).body.verdict).toBe('Risky');
    expect((await post('/api/emails/validate', { email: 'x@example.invalid' })).body.verdict).toBe('Invalid');
    expect(h.runtime.mailbox.list({})).toHaveLength(mailBefore);
  });
});

describe('verifySignupApproval', () => {
  beforeEach(() => start());

  test("createUser with approverEmail mails the approver a code; it answers the applicant's username and e-mail once", async () => {
    await post('/api-user-create', { name: 'Ann Applicant', username: 'ann-applicant', email: 'ann@edgeimpulse.example', password: 'ann-password-1', privacyPolicy: true, turnstileResponse: 't', approverEmail: 'boss@edgeimpulse.example' }).expect(200);
    const mail = lastMail(h, 'boss@edgeimpulse.example');
    expect(mail).toMatchObject({ kind: 'signup-approval' });
    expect(mail.text).toContain('Ann Applicant');
    expect((await post('/api/signup-approval/verify', { code: mail.code }).expect(200)).body).toEqual({ success: true, username: 'ann-applicant', email: 'ann@edgeimpulse.example' });
    expect((await post('/api/signup-approval/verify', { code: mail.code })).body).toEqual({ success: false, error: 'Invalid or expired code' });
    // Approving changes nothing else: the applicant still activates with its own code.
    expect(h.runtime.users.byEmail('edge-impulse', 'ann@edgeimpulse.example')!.status).toBe('pending');
  });

  test('an activation code is no approval code', async () => {
    expect((await post('/api/signup-approval/verify', { code: pending.activationCode })).body).toEqual({ success: false, error: 'Invalid or expired code' });
  });
});
