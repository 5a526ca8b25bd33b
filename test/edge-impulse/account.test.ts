import { currentTotp } from '../../mock-server/domain/totp';
import { createHarness, fixture, lastMail, type Harness } from '../support/harness';

const active = fixture('edge-impulse', 'active');
const pending = fixture('edge-impulse', 'pending activation');
const mfa = fixture('edge-impulse', 'active, MFA enabled');
const noPassword = fixture('edge-impulse', 'signed up without a password');

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => expect(h.violations()).toEqual([]));

const post = (path: string, body?: object) => h.request.post(`/v1${path}`).set('Content-Type', 'application/json').send(body ?? '');
async function loginToken(username: string, password: string, totpToken?: string): Promise<string> {
  const res = await post('/api-login', { username, password, totpToken }).expect(200);
  expect(res.body.success).toBe(true);
  return res.body.token as string;
}
const me = (token: string) => h.request.get('/v1/api/user').set('x-jwt-token', token);
const signUp = (extra: object = {}) =>
  post('/api-user-create', { name: 'Dana Signup', username: 'dana-signup', email: 'dana.signup@edgeimpulse.example', password: 'dana-password-1', privacyPolicy: true, turnstileResponse: 'turnstile-token', ...extra });

describe('getCurrentUser', () => {
  test('answers every field the vendor model requires, with values from the store', async () => {
    const res = await me(await loginToken(active.username!, active.password!)).expect(200);
    expect(res.body).toEqual({
      success: true,
      id: expect.any(Number),
      username: active.username,
      name: active.name,
      email: active.email,
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      staffInfo: { isStaff: false, hasSudoRights: false },
      pending: false,
      activated: true,
      mfaConfigured: false,
      tier: 'free',
      organizations: [],
      projects: [],
      experiments: [],
      suspended: false,
      notifications: [],
      passwordConfigured: true,
      projectsSortOrder: 'created-desc',
      hasEnterpriseFeaturesAccess: false,
      lastAccessedProjects: { projects: [], hasMoreProjects: false },
      privatePersonalProjectsUsed: 0,
      eulas: [],
      // Optional fields of the vendor's model that mean something for the mock's users.
      permissions: [],
      hasPendingPayments: false,
      idps: [],
      evaluation: false,
      ambassador: false,
      whitelabels: [],
    });
  });

  test.each([
    ['a pending user', pending, undefined, { pending: true, activated: false, mfaConfigured: false }],
    ['an MFA user', mfa, true, { pending: false, activated: true, mfaConfigured: true }],
  ])('tells %s apart', async (_label, f, withTotp, fields) => {
    const token = await loginToken(f.username!, f.password!, withTotp ? currentTotp(f.mfaSecret!, h.clock.now()) : undefined);
    expect((await me(token).query({ excludeProjects: true }).expect(200)).body).toMatchObject(fields);
  });

  test('without a token answers 401 in the vendor envelope', async () => {
    const res = await h.request.get('/v1/api/user').expect(401);
    expect(res.body).toEqual({ success: false, error: expect.stringContaining('only available through a JWT token') });
  });
});

describe('changePasswordCurrentUser', () => {
  test.each([
    ['a wrong current password', 'not-the-password', 'brand-new-password', 'Current password is incorrect'],
    ['a new password under 8 characters', active.password!, 'short', 'The password must have at least 8 characters'],
  ])('with %s answers success: false and changes nothing', async (_label, currentPassword, newPassword, error) => {
    const token = await loginToken(active.username!, active.password!);
    expect((await post('/api/user/change-password', { currentPassword, newPassword }).set('x-jwt-token', token).expect(200)).body).toEqual({ success: false, error });
    await loginToken(active.username!, active.password!);
  });

  test('changes the password: the old one fails, the new one logs in', async () => {
    const token = await loginToken(active.username!, active.password!);
    expect((await post('/api/user/change-password', { currentPassword: active.password, newPassword: 'a-brand-new-password' }).set('x-jwt-token', token).expect(200)).body).toEqual({ success: true });
    expect((await post('/api-login', { username: active.username, password: active.password })).body.success).toBe(false);
    await loginToken(active.username!, 'a-brand-new-password');
  });
});

describe('createUser (sign-up)', () => {
  test('creates a pending user and mails an activation code', async () => {
    const res = await signUp().expect(200);
    expect(res.body).toEqual({ success: true, id: expect.any(Number) });
    expect(h.runtime.users.byId(res.body.id)).toMatchObject({ username: 'dana-signup', status: 'pending' });
    expect(lastMail(h, 'dana.signup@edgeimpulse.example')).toMatchObject({ kind: 'activation', code: expect.stringMatching(/^[0-9a-f]{20}$/) });
  });

  test.each([
    ['a taken e-mail address', { email: active.email }, 'A user with this e-mail address already exists'],
    ['a taken username', { username: active.username }, 'Username is already in use'],
    ['a username that breaks the rule', { username: 'a..b' }, "Username 'a..b' is not valid"],
    ['a password under 8 characters', { password: 'short' }, 'The password must have at least 8 characters'],
  ])('with %s answers success: false and creates nobody', async (_label, extra, error) => {
    const before = h.runtime.users.size;
    expect((await signUp(extra).expect(200)).body).toEqual({ success: false, error: expect.stringContaining(error) });
    expect(h.runtime.users.size).toBe(before);
  });

  test('a body without turnstileResponse answers 400 naming it', async () => {
    const res = await post('/api-user-create', { name: 'N', username: 'nnnn', email: 'n@edgeimpulse.example', privacyPolicy: true }).expect(400);
    expect(res.body).toEqual({ success: false, error: 'turnstileResponse is required' });
  });

  test('whole flow: sign-up, mail, login, activation, password change, login with the new password', async () => {
    await signUp().expect(200);
    const token = await loginToken('dana-signup', 'dana-password-1');
    const { code } = lastMail(h, 'dana.signup@edgeimpulse.example');
    expect((await post('/api/user/activate', { code }).set('x-jwt-token', token).expect(200)).body).toEqual({ success: true });
    expect((await me(token).expect(200)).body).toMatchObject({ activated: true, pending: false });
    await post('/api/user/change-password', { currentPassword: 'dana-password-1', newPassword: 'dana-password-2' }).set('x-jwt-token', token).expect(200);
    expect((await post('/api-login', { username: 'dana-signup', password: 'dana-password-1' })).body.success).toBe(false);
    await loginToken('dana.signup@edgeimpulse.example', 'dana-password-2');
  });

  test('the fixture user without a password cannot log in until a password reset sets one and activates it', async () => {
    expect((await post('/api-login', { username: noPassword.username, password: 'anything-at-all' })).body.success).toBe(false);
    await post('/api-user-request-reset-password', { email: noPassword.email }).expect(200);
    const { code } = lastMail(h, noPassword.email);
    expect((await post('/api-user-reset-password', { email: noPassword.email, code, newPassword: 'chosen-password' })).body).toEqual({ success: true });
    const token = await loginToken(noPassword.username!, 'chosen-password');
    expect((await me(token)).body).toMatchObject({ passwordConfigured: true, activated: true });
  });
});

describe('TOTP multi-factor authentication', () => {
  test('create-key, set-key with a code from the key, then login needs the TOTP token; clear turns it off', async () => {
    const token = await loginToken(active.username!, active.password!);
    const created = await post('/api/user/mfa/totp/create-key').set('x-jwt-token', token).expect(200);
    expect(created.body).toEqual({ success: true, key: expect.stringMatching(/^[A-Z2-7]{32}$/), url: expect.stringMatching(/^otpauth:\/\/totp\/.*secret=/) });
    const key = created.body.key as string;
    expect((await post('/api/user/mfa/totp/set-key', { key, totpToken: '000000' }).set('x-jwt-token', token)).body).toEqual({ success: false, error: 'ERR_TOTP_TOKEN IS INVALID' });
    const set = await post('/api/user/mfa/totp/set-key', { key, totpToken: currentTotp(key, h.clock.now()) }).set('x-jwt-token', token).expect(200);
    expect(set.body).toEqual({ success: true, recoveryCodes: expect.arrayContaining([expect.any(String)]) });
    expect((await post('/api-login', { username: active.username, password: active.password })).body.error).toMatch(/^ERR_TOTP_TOKEN IS REQUIRED/);
    expect((await post('/api/user/mfa/totp/create-key').set('x-jwt-token', token)).body).toEqual({ success: false, error: 'Multi-factor authentication is already configured for this account' });
    // Thirty seconds later the code has moved on; the clock is the injected one.
    h.clock.advance(90_000);
    expect((await post('/api/user/mfa/totp/clear', { totpToken: '000000' }).set('x-jwt-token', token)).body.success).toBe(false);
    expect((await post('/api/user/mfa/totp/clear', { totpToken: currentTotp(key, h.clock.now()) }).set('x-jwt-token', token)).body).toEqual({ success: true });
    await loginToken(active.username!, active.password!);
  });

  test('the MFA fixture can be torn down and set up again from its secret', async () => {
    const token = await loginToken(mfa.username!, mfa.password!, currentTotp(mfa.mfaSecret!, h.clock.now()));
    await post('/api/user/mfa/totp/clear', { totpToken: currentTotp(mfa.mfaSecret!, h.clock.now()) }).set('x-jwt-token', token).expect(200);
    expect((await me(token)).body.mfaConfigured).toBe(false);
  });

  test('set-key with a key that was not created answers success: false', async () => {
    const token = await loginToken(active.username!, active.password!);
    expect((await post('/api/user/mfa/totp/set-key', { key: 'JBSWY3DPEHPK3PXP', totpToken: '123456' }).set('x-jwt-token', token)).body.success).toBe(false);
  });
});

describe('documented statuses of the new operations', () => {
  const big = 'x'.repeat(101 * 1024);
  test.each([
    ['createUser', '/api-user-create', false, { name: 'N', username: 'nnnn', email: 5, privacyPolicy: true, turnstileResponse: 't' }, { name: big, username: 'nnnn', email: 'e', privacyPolicy: true, turnstileResponse: 't' }],
    ['changePasswordCurrentUser', '/api/user/change-password', true, { currentPassword: 'a' }, { currentPassword: big, newPassword: 'b' }],
    ['userSetTotpMfaKey', '/api/user/mfa/totp/set-key', true, { key: 'K' }, { key: big, totpToken: '1' }],
    ['userDeleteTotpMfaKey', '/api/user/mfa/totp/clear', true, {}, { totpToken: big }],
  ])('%s answers 400 for a schema-invalid body, 413 for one over 100 kB and, JWT-only, 401 without a token', async (_id, path, jwtOnly, invalid, tooBig) => {
    const token = await loginToken(active.username!, active.password!);
    expect((await post(path, invalid).set('x-jwt-token', token).expect(400)).body.success).toBe(false);
    expect((await post(path, tooBig).set('x-jwt-token', token).expect(413)).body.success).toBe(false);
    if (jwtOnly) await post(path, invalid).expect(401);
  });

  test('getCurrentUser answers 400 for an excludeProjects that is no boolean', async () => {
    const token = await loginToken(active.username!, active.password!);
    expect((await me(token).query({ excludeProjects: 'maybe' }).expect(400)).body).toEqual({ success: false, error: expect.stringContaining('excludeProjects') });
  });

  test('userGenerateNewTotpMfaKey answers 401 without a token and 413 for a body over 100 kB', async () => {
    await post('/api/user/mfa/totp/create-key').expect(401);
    const token = await loginToken(active.username!, active.password!);
    await post('/api/user/mfa/totp/create-key', { junk: 'x'.repeat(101 * 1024) }).set('x-jwt-token', token).expect(413);
  });
});
