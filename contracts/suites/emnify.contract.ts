import { Secret, TOTP } from 'otpauth';
import { contractSuite } from '../jest/contract-suite';
import { sha1Hex as sha1 } from '../vendors/emnify';

// The credentialed tier runs when the credentials contracts/vendors/emnify.ts names are set.
const suite = contractSuite('emnify');
const json = (body: unknown) => ({ body });
const totp = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();

async function authToken(username: string, password: string): Promise<string> {
  const r = await suite.call('authenticate', json({ username, password: sha1(password) }));
  expect(r).toSatisfyContract();
  expect(r.status).toBe(200);
  return suite.field(r, 'auth_token');
}

suite.tier('public', 'every operation, changing no account', () => {
  test('authenticate with an unknown user', async () => {
    const r = await suite.call('authenticate', json({ username: `contract-${suite.unique}@example.invalid`, password: sha1('not-a-password') }));
    expect(r).toSatisfyContract();
    suite.observe('authenticate with bad credentials', `status ${r.status}, ${r.text ? 'with a body' : 'empty body'}`);
  });

  test('authenticate with a malformed body', async () => {
    expect(await suite.call('authenticate', json({ username: 'someone' }))).toSatisfyContract();
  });

  test('authenticate with an invalid refresh token', async () => {
    expect(await suite.call('authenticate', json({ refresh_token: 'not-a-token' }))).toSatisfyContract();
  });

  test('user_activation_post with an unknown key', async () => {
    expect(await suite.call('user_activation_post', json({ activationKey: `unknown-${suite.unique}`, password: 'contract-password' }))).toSatisfyContract();
  });

  test('user_activation_post with the seed’s activation_token name', async () => {
    const r = await suite.call('user_activation_post', json({ activation_token: `unknown-${suite.unique}`, password: 'contract-password' }));
    expect(r).toSatisfyContract();
    suite.observe('activation_token instead of activationKey', r.status === 400 && r.text.includes('activationKey') ? 'refused, naming activationKey' : `status ${r.status} ${r.text.slice(0, 100)}`);
  });

  test('user_activation_resend_post for an unknown username', async () => {
    const r = await suite.call('user_activation_resend_post', json({ username: `contract-${suite.unique}@example.invalid`, 'g-recaptcha-response': 'contract-test-token' }));
    expect(r).toSatisfyContract();
    suite.observe('resend for an unknown username', `status ${r.status}`);
  });

  test('user_activation_resend_post with an empty reCAPTCHA token', async () => {
    expect(await suite.call('user_activation_resend_post', json({ username: `contract-${suite.unique}@example.invalid`, 'g-recaptcha-response': '' }))).toSatisfyContract();
  });

  test('user_activation_resend_post without the reCAPTCHA field', async () => {
    expect(await suite.call('user_activation_resend_post', json({ username: `contract-${suite.unique}@example.invalid` }))).toSatisfyContract();
  });

  test.each([
    ['no token', undefined],
    ['a malformed token', 'Bearer not-a-jwt'],
  ])('user_password_patch with %s', async (_label, authorization) => {
    const r = await suite.call('user_password_patch', { body: { old_password: 'a', new_password: 'b' }, headers: authorization ? { Authorization: authorization } : {} });
    expect(r).toSatisfyContract();
  });
});

suite.tier('public', 'the multi-factor and user operations, changing no account', () => {
  test('authenticate with an invalid mfa_token', async () => {
    const r = await suite.call('authenticate', json({ mfa_token: 'not-a-token', code: '123456' }));
    expect(r).toSatisfyContract();
    suite.observe('authenticate with a bad mfa_token', `status ${r.status}, ${r.text ? 'with a body' : 'empty body'}`);
  });

  test('authenticate with a plain (not SHA-1) password', async () => {
    const r = await suite.call('authenticate', json({ username: `contract-${suite.unique}@example.invalid`, password: 'plain-password' }));
    expect(r).toSatisfyContract();
    suite.observe('authenticate with a plain password', `status ${r.status}`);
  });

  test.each([
    ['post-mfa', { body: { type: { id: 1 }, password: 'contract-password' } }],
    ['user-mfa-by-id-patch', { body: { status: { id: 1 }, code: '123456' }, path: { key_id: '1' } }],
    ['user-mfa-by-user-id-and-key-id-delete', { path: { user_id: '1', key_id: '1' } }],
    ['user-by-id-get', { path: { user_id: '1' } }],
  ])('%s without a token', async (operationId, options) => {
    expect(await suite.call(operationId, { ...options, headers: { Authorization: 'Bearer not-a-jwt' } })).toSatisfyContract();
  });

  test('user-v-2-activation with an unknown key', async () => {
    expect(await suite.call('user-v-2-activation', json({ activationKey: `unknown-${suite.unique}`, password: 'contract-password' }))).toSatisfyContract();
  });
});

suite.tier('robustness', 'malformed and oversized bodies', () => {
  test('malformed JSON', async () => {
    expect(await suite.call('authenticate', { rawBody: '{"username":', contentType: 'application/json' })).toSatisfyContract();
  });

  test('a body over 100 kB', async () => {
    expect(await suite.call('user_activation_post', json({ activationKey: 'x'.repeat(101 * 1024), password: 'contract-password' }))).toSatisfyContract();
  });
});

suite.tier('credentialed', 'calls with a test account', () => {
  test('authenticate with the account and refresh the token', async () => {
    const r = await suite.call('authenticate', json({ username: suite.credentials.USERNAME, password: sha1(suite.credentials.PASSWORD) }));
    expect(r).toSatisfyContract();
    const refresh = await suite.call('authenticate', json({ refresh_token: suite.field(r, 'refresh_token') }));
    expect(refresh).toSatisfyContract();
  });

  test('user_password_patch with a wrong old password changes nothing', async () => {
    const token = await authToken(suite.credentials.USERNAME, suite.credentials.PASSWORD);
    expect(await suite.call('user_password_patch', { body: { old_password: `wrong-${suite.unique}`, new_password: 'contract-password-2' }, headers: { Authorization: `Bearer ${token}` } })).toSatisfyContract();
  });

  (suite.writesAllowed ? test : test.skip)(`user_password_patch changes the password and changes it back${suite.writesAllowed ? '' : ' — skipped: set CONTRACT_ALLOW_WRITES=1'}`, async () => {
    const { USERNAME: user, PASSWORD: password } = suite.credentials;
    const temporary = `contract-${suite.unique}`;
    const token = await authToken(user, password);
    expect(await suite.call('user_password_patch', { body: { old_password: password, new_password: temporary }, headers: { Authorization: `Bearer ${token}` } })).toSatisfyContract();
    const again = await authToken(user!, temporary);
    expect(await suite.call('user_password_patch', { body: { old_password: temporary, new_password: password }, headers: { Authorization: `Bearer ${again}` } })).toSatisfyContract();
  });
});

suite.tier('flow', 'whole flows through the admin API', () => {
  test('a pending user is activated from the mail, authenticates with the SHA-1 digest and changes the password', async () => {
    const email = `flow-${suite.unique}@emnify.example`;
    expect((await suite.admin.post('/users', { vendor: 'emnify', email, status: 'pending' })).status).toBe(201);
    const resend = await suite.call('user_activation_resend_post', json({ username: email, 'g-recaptcha-response': 'contract-test-token' }));
    expect(resend).toSatisfyContract();
    const mail = (await suite.admin.get(`/mailbox?to=${encodeURIComponent(email)}&kind=activation`)).body as { messages: { code: string }[] };
    const activated = await suite.call('user_activation_post', json({ activationKey: mail.messages[0].code, password: 'flow-password-1' }));
    expect(activated).toSatisfyContract();
    expect(activated.status).toBe(204);
    const token = await authToken(email, 'flow-password-1');
    const changed = await suite.call('user_password_patch', { body: { old_password: 'flow-password-1', new_password: 'flow-password-2' }, headers: { Authorization: `Bearer ${token}` } });
    expect(changed).toSatisfyContract();
    expect(changed.status).toBe(204);
    await authToken(email, 'flow-password-2');
  });

  test('a second resend right away is limited, and three bad passwords lock the account', async () => {
    const email = `limits-${suite.unique}@emnify.example`;
    await suite.admin.post('/users', { vendor: 'emnify', email, status: 'pending' });
    const first = await suite.call('user_activation_resend_post', json({ username: email, 'g-recaptcha-response': 'contract-test-token' }));
    expect(first).toSatisfyContract();
    const second = await suite.call('user_activation_resend_post', json({ username: email, 'g-recaptcha-response': 'contract-test-token' }));
    expect(second).toSatisfyContract();
    expect(second.status).toBe(429);
    const active = `locked-${suite.unique}@emnify.example`;
    await suite.admin.post('/users', { vendor: 'emnify', email: active, password: 'right-password' });
    for (let i = 0; i < 3; i++) expect(await suite.call('authenticate', json({ username: active, password: sha1('wrong-password') }))).toSatisfyContract();
    const locked = await suite.call('authenticate', json({ username: active, password: sha1('right-password') }));
    expect(locked).toSatisfyContract();
    expect(locked.json).toMatchObject({ error_code: 1105, error_token: 'TooManyRequests' });
  });

  test('an MFA user gets an mfa_token and an e-mailed code, which answers the tokens; a trusted device skips MFA', async () => {
    const email = `mfa-${suite.unique}@emnify.example`;
    await suite.admin.post('/users', { vendor: 'emnify', email, password: 'mfa-password-1', mfa: true });
    const first = await suite.call('authenticate', json({ username: email, password: sha1('mfa-password-1') }));
    expect(first).toSatisfyContract();
    const { mfa_token } = first.json as { mfa_token: string };
    const mail = (await suite.admin.get(`/mailbox?to=${encodeURIComponent(email)}&kind=mfa-code`)).body as { messages: { code: string }[] };
    const wrong = await suite.call('authenticate', json({ mfa_token, code: '000000' }));
    expect(wrong).toSatisfyContract();
    expect(wrong.status).toBe(401);
    const second = await suite.call('authenticate', json({ mfa_token, code: mail.messages[0].code, trusted_device: { fingerprint: `device-${suite.unique}` } }));
    expect(second).toSatisfyContract();
    expect(second.json).toMatchObject({ auth_token: expect.any(String) });
    const trusted = await suite.call('authenticate', json({ username: email, password: sha1('mfa-password-1'), fingerprint: `device-${suite.unique}` }));
    expect(trusted.json).toMatchObject({ auth_token: expect.any(String) });
  });

  test('an MFA key is created, activated with a code from its secret, shown on the user and deleted', async () => {
    const email = `keys-${suite.unique}@emnify.example`;
    await suite.admin.post('/users', { vendor: 'emnify', email, password: 'keys-password-1' });
    const token = await authToken(email, 'keys-password-1');
    const headers = { Authorization: `Bearer ${token}` };
    const created = await suite.call('post-mfa', { body: { type: { id: 1 }, password: 'keys-password-1' }, headers });
    expect(created).toSatisfyContract();
    const key = created.json as { id: number; secret_key: string };
    const activated = await suite.call('user-mfa-by-id-patch', { body: { status: { id: 1 }, code: totp(key.secret_key) }, headers, path: { key_id: String(key.id) } });
    expect(activated).toSatisfyContract();
    expect(activated.status).toBe(204);
    const user = await suite.call('user-by-id-get', { headers, path: { user_id: email } });
    expect(user).toSatisfyContract();
    const { id } = user.json as { id: number };
    const deleted = await suite.call('user-mfa-by-user-id-and-key-id-delete', { headers, path: { user_id: String(id), key_id: String(key.id) } });
    expect(deleted).toSatisfyContract();
    expect(deleted.status).toBe(204);
  });

  test('an invited user accepts the invitation with user-v-2-activation and logs in', async () => {
    const email = `invited-${suite.unique}@emnify.example`;
    await suite.admin.post('/users', { vendor: 'emnify', email, status: 'pending' });
    const mail = (await suite.admin.get(`/mailbox?to=${encodeURIComponent(email)}&kind=activation`)).body as { messages: { code: string }[] };
    const r = await suite.call('user-v-2-activation', json({ activationKey: mail.messages[0].code, password: 'invited-password-1', name: 'Invited' }));
    expect(r).toSatisfyContract();
    expect(r.status).toBe(204);
    await authToken(email, 'invited-password-1');
  });
});
