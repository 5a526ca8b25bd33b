import { Secret, TOTP } from 'otpauth';
import { contractSuite } from '../jest/contract-suite';

// The credentialed tier runs when the credentials contracts/vendors/edge-impulse.ts names are set.
const suite = contractSuite('edge-impulse');
const json = (body: unknown) => ({ body });
const jwt = () => ({ 'x-jwt-token': suite.credentials.JWT });
const nobody = () => `contract-${suite.unique}@example.invalid`;
const totp = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();

suite.tier('public', 'every operation, changing no account', () => {
  test('login with an unknown user', async () => {
    const r = await suite.call('login', json({ username: `contract-${suite.unique}`, password: 'not-a-password' }));
    expect(r).toSatisfyContract();
    suite.observe('login with wrong credentials', `status ${r.status}, body ${r.text.slice(0, 120)}`);
  });

  test('login without a password (schema-invalid body)', async () => {
    const r = await suite.call('login', json({ username: 'someone' }));
    expect(r).toSatisfyContract();
    suite.observe('schema-invalid body', `status ${r.status} (the spec guesses 400, x-inferred)`);
  });

  test('requestResetPassword for an unknown address', async () => {
    expect(await suite.call('requestResetPassword', json({ email: nobody() }))).toSatisfyContract();
  });

  test('verifyResetPassword with a wrong code', async () => {
    expect(await suite.call('verifyResetPassword', json({ email: nobody(), code: 'wrong-code' }))).toSatisfyContract();
  });

  test('resetPassword with a wrong code', async () => {
    expect(await suite.call('resetPassword', json({ email: nobody(), code: 'wrong-code', newPassword: 'contract-password' }))).toSatisfyContract();
  });

  test.each([
    ['requestActivationCodeCurrentUser', undefined],
    ['activateCurrentUser', { code: 'wrong-code' }],
    ['getUserByThirdPartyActivationCode', { activationCode: 'wrong-code' }],
    ['activateUserByThirdPartyActivationCode', { activationCode: 'wrong-code', username: 'contract-user', password: 'contract-password' }],
    ['getCurrentUser', undefined],
    ['changePasswordCurrentUser', { currentPassword: 'wrong-password', newPassword: 'contract-password' }],
    ['userGenerateNewTotpMfaKey', undefined],
    ['userSetTotpMfaKey', { key: 'JBSWY3DPEHPK3PXP', totpToken: '000000' }],
    ['userDeleteTotpMfaKey', { totpToken: '000000' }],
  ])('%s without a JWT', async (operationId, body) => {
    const r = await suite.call(operationId, body ? { body } : { headers: { 'Content-Type': 'application/json' } });
    expect(r).toSatisfyContract();
    suite.observe(`${operationId} without a token`, r.status === 401 ? 'answers 401, as the spec guesses (x-inferred)' : `answers ${r.status} ${r.text.slice(0, 80)}`);
  });

  test('createUser without the required turnstileResponse (schema-invalid, creates nobody)', async () => {
    expect(await suite.call('createUser', json({ name: 'Contract', username: `contract-${suite.unique}`.slice(0, 30), email: nobody(), privacyPolicy: true }))).toSatisfyContract();
  });

  test('createUser with a username that breaks the documented rule', async () => {
    const r = await suite.call('createUser', json({ name: 'Contract', username: 'a..b', email: nobody(), privacyPolicy: true, turnstileResponse: 'contract-token' }));
    expect(r).toSatisfyContract();
    suite.observe('createUser with a bad username', `status ${r.status}, ${r.text.slice(0, 100)}`);
  });

  test('a JWT-only operation with only an API key', async () => {
    const r = await suite.call('activateCurrentUser', { body: { code: 'wrong-code' }, headers: { 'x-api-key': 'ei_0000000000000000' } });
    expect(r).toSatisfyContract();
    suite.observe('API key on a JWT-only operation', `status ${r.status}`);
  });

  test('a JWT-only operation with an invalid JWT', async () => {
    expect(await suite.call('requestActivationCodeCurrentUser', { headers: { 'x-jwt-token': 'not.a.jwt', 'Content-Type': 'application/json' } })).toSatisfyContract();
  });
});

suite.tier('robustness', 'malformed and oversized bodies', () => {
  test('malformed JSON', async () => {
    const r = await suite.call('login', { rawBody: '{"username": ', contentType: 'application/json' });
    expect(r).toSatisfyContract();
  });

  test.each(['login', 'requestResetPassword', 'verifyResetPassword', 'resetPassword'])('%s with a body over 100 kB', async (operationId) => {
    expect(await suite.call(operationId, json({ email: 'x'.repeat(101 * 1024) }))).toSatisfyContract();
  });

  test.each(['requestResetPassword', 'verifyResetPassword', 'resetPassword'])('%s with a schema-invalid body', async (operationId) => {
    expect(await suite.call(operationId, json({}))).toSatisfyContract();
  });
});

suite.tier('credentialed', 'calls with a JWT', () => {
  test.each(['activateCurrentUser', 'getUserByThirdPartyActivationCode', 'activateUserByThirdPartyActivationCode'])('%s with a schema-invalid body', async (operationId) => {
    expect(await suite.call(operationId, { body: {}, headers: jwt() })).toSatisfyContract();
  });

  test('activateCurrentUser with a wrong code changes nothing', async () => {
    expect(await suite.call('activateCurrentUser', { body: { code: 'wrong-code' }, headers: jwt() })).toSatisfyContract();
  });

  test('getUserByThirdPartyActivationCode with an unknown code', async () => {
    expect(await suite.call('getUserByThirdPartyActivationCode', { body: { activationCode: 'wrong-code' }, headers: jwt() })).toSatisfyContract();
  });

  (suite.writesAllowed ? test : test.skip)(`requestActivationCodeCurrentUser${suite.writesAllowed ? '' : ' — skipped: it sends a mail; set CONTRACT_ALLOW_WRITES=1'}`, async () => {
    expect(await suite.call('requestActivationCodeCurrentUser', { headers: { ...jwt(), 'Content-Type': 'application/json' } })).toSatisfyContract();
  });
});

suite.tier('flow', 'whole flows through the admin API', () => {
  const email = () => `flow-${suite.unique}@edgeimpulse.example`;
  const username = () => `flow-${suite.unique}`.slice(0, 30);

  test('a pending user logs in, requests activation, reads the code from the mailbox and activates', async () => {
    expect((await suite.admin.post('/users', { vendor: 'edge-impulse', email: email(), username: username(), password: 'flow-password-1', status: 'pending' })).status).toBe(201);
    const login = await suite.call('login', json({ username: username(), password: 'flow-password-1' }));
    expect(login).toSatisfyContract();
    const token = suite.field(login, 'token');
    expect(await suite.call('requestActivationCodeCurrentUser', { headers: { 'x-jwt-token': token, 'Content-Type': 'application/json' } })).toSatisfyContract();
    const mail = (await suite.admin.get(`/mailbox?to=${encodeURIComponent(email())}&kind=activation`)).body as { messages: { code: string }[] };
    const activated = await suite.call('activateCurrentUser', { body: { code: mail.messages[0].code }, headers: { 'x-jwt-token': token } });
    expect(activated).toSatisfyContract();
    expect(activated.json).toEqual({ success: true });
  });

  test('a forgotten password is reset with the mailed code, and the new password logs in', async () => {
    const resetEmail = `reset-${suite.unique}@edgeimpulse.example`;
    await suite.admin.post('/users', { vendor: 'edge-impulse', email: resetEmail, username: `reset-${suite.unique}`.slice(0, 30), password: 'old-password-1' });
    expect(await suite.call('requestResetPassword', json({ email: resetEmail }))).toSatisfyContract();
    const mail = (await suite.admin.get(`/mailbox?to=${encodeURIComponent(resetEmail)}&kind=password-reset`)).body as { messages: { code: string }[] };
    const code = mail.messages[0].code;
    expect(await suite.call('verifyResetPassword', json({ email: resetEmail, code }))).toSatisfyContract();
    const reset = await suite.call('resetPassword', json({ email: resetEmail, code, newPassword: 'new-password-1' }));
    expect(reset).toSatisfyContract();
    expect(reset.json).toEqual({ success: true });
    const login = await suite.call('login', json({ username: resetEmail, password: 'new-password-1' }));
    expect(login).toSatisfyContract();
    expect(suite.field<boolean>(login, 'success')).toBe(true);
  });

  test('a third party’s user is looked up and activated by its code', async () => {
    const created = (await suite.admin.post('/third-party-activation-codes', { email: `third-${suite.unique}@edgeimpulse.example`, name: 'Third Party' })).body as { activationCode: string };
    await suite.admin.post('/users', { vendor: 'edge-impulse', email: `helper-${suite.unique}@edgeimpulse.example`, username: `helper-${suite.unique}`.slice(0, 30), password: 'helper-password' });
    const login = await suite.call('login', json({ username: `helper-${suite.unique}`.slice(0, 30), password: 'helper-password' }));
    const headers = { 'x-jwt-token': suite.field(login, 'token') };
    expect(await suite.call('getUserByThirdPartyActivationCode', { body: { activationCode: created.activationCode }, headers })).toSatisfyContract();
    const activated = await suite.call('activateUserByThirdPartyActivationCode', { body: { activationCode: created.activationCode, username: `third-${suite.unique}`.slice(0, 30), password: 'third-password', name: 'Third Party' }, headers });
    expect(activated).toSatisfyContract();
    expect(activated.json).toEqual({ success: true, token: expect.any(String) });
  });

  test('sign-up mails a code; the pending user logs in, activates, changes the password and logs in with the new one', async () => {
    const signupEmail = `signup-${suite.unique}@edgeimpulse.example`;
    const name = `signup-${suite.unique}`.slice(0, 30);
    const created = await suite.call('createUser', json({ name: 'Sign Up', username: name, email: signupEmail, password: 'signup-password-1', privacyPolicy: true, turnstileResponse: 'contract-token' }));
    expect(created).toSatisfyContract();
    expect(created.json).toMatchObject({ success: true });
    const login = await suite.call('login', json({ username: name, password: 'signup-password-1' }));
    const headers = { 'x-jwt-token': (login.json as { token: string }).token };
    const mail = (await suite.admin.get(`/mailbox?to=${encodeURIComponent(signupEmail)}&kind=activation`)).body as { messages: { code: string }[] };
    expect(await suite.call('activateCurrentUser', { body: { code: mail.messages[0].code }, headers })).toSatisfyContract();
    const me = await suite.call('getCurrentUser', { headers });
    expect(me).toSatisfyContract();
    expect(me.json).toMatchObject({ success: true, activated: true });
    const changed = await suite.call('changePasswordCurrentUser', { body: { currentPassword: 'signup-password-1', newPassword: 'signup-password-2' }, headers });
    expect(changed).toSatisfyContract();
    expect(changed.json).toEqual({ success: true });
    const again = await suite.call('login', json({ username: name, password: 'signup-password-2' }));
    expect(again.json).toMatchObject({ success: true });
  });

  test('TOTP MFA is set up with a code from the new key, demanded at login, and cleared', async () => {
    const mfaEmail = `mfa-${suite.unique}@edgeimpulse.example`;
    const name = `mfa-${suite.unique}`.slice(0, 30);
    await suite.admin.post('/users', { vendor: 'edge-impulse', email: mfaEmail, username: name, password: 'mfa-password-1' });
    const login = await suite.call('login', json({ username: name, password: 'mfa-password-1' }));
    const headers = { 'x-jwt-token': (login.json as { token: string }).token, 'Content-Type': 'application/json' };
    const created = await suite.call('userGenerateNewTotpMfaKey', { headers });
    expect(created).toSatisfyContract();
    const { key } = created.json as { key: string };
    const set = await suite.call('userSetTotpMfaKey', { body: { key, totpToken: totp(key) }, headers });
    expect(set).toSatisfyContract();
    expect(set.json).toMatchObject({ success: true });
    const refused = await suite.call('login', json({ username: name, password: 'mfa-password-1' }));
    expect((refused.json as { error: string }).error).toMatch(/^ERR_TOTP_TOKEN IS REQUIRED/);
    const cleared = await suite.call('userDeleteTotpMfaKey', { body: { totpToken: totp(key) }, headers });
    expect(cleared).toSatisfyContract();
    expect(cleared.json).toEqual({ success: true });
  });
});
