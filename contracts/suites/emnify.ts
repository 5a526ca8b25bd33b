import { Secret, TOTP } from 'otpauth';
import { defineSuite } from '../runner/define';
import { sha1Hex as sha1 } from '../vendors/emnify';
import { accountStory } from './emnify/account-story';

// The credentialed tier runs when the credentials contracts/vendors/emnify.ts names are set.
export default defineSuite('emnify', (s) => {
  const json = (body: unknown) => ({ body });
  const totp = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
  const nobody = () => `contract-${s.unique}@example.invalid`;

  async function authToken(username: string, password: string): Promise<string> {
    const r = await s.call('authenticate', json({ username, password: sha1(password) }));
    s.expectStatus(r, 200);
    return s.field(r, 'auth_token');
  }

  /** The newest mail of a kind to an address, from the mock's mailbox (flow tier). */
  async function mailCode(email: string, kind: string): Promise<string> {
    const box = (await s.admin.get(`/mailbox?to=${encodeURIComponent(email)}&kind=${kind}`)).body as { messages?: { code: string }[] };
    const code = box?.messages?.[0]?.code;
    s.expect(typeof code === 'string', `no ${kind} mail to ${email} in the mailbox`);
    return code as string;
  }

  s.tier('public', 'every operation, changing no account', () => {
    s.test('authenticate with an unknown user', ['authenticate'], async () => {
      const r = await s.call('authenticate', json({ username: nobody(), password: sha1('not-a-password') }));
      s.observe('authenticate with bad credentials', `status ${r.status}, ${r.text ? 'with a body' : 'empty body'}`);
    });

    s.test('authenticate with a malformed body', ['authenticate'], async () => {
      await s.call('authenticate', json({ username: 'someone' }));
    });

    s.test('authenticate with an invalid refresh token', ['authenticate'], async () => {
      await s.call('authenticate', json({ refresh_token: 'not-a-token' }));
    });

    s.test('user_activation_post with an unknown key', ['user_activation_post'], async () => {
      await s.call('user_activation_post', json({ activationKey: `unknown-${s.unique}`, password: 'contract-password' }));
    });

    s.test('user_activation_post with the seed’s activation_token name', ['user_activation_post'], async () => {
      const r = await s.call('user_activation_post', json({ activation_token: `unknown-${s.unique}`, password: 'contract-password' }));
      s.observe('activation_token instead of activationKey', r.status === 400 && r.text.includes('activationKey') ? 'refused, naming activationKey' : `status ${r.status} ${r.text.slice(0, 100)}`);
    });

    s.test('user_activation_resend_post for an unknown username', ['user_activation_resend_post'], async () => {
      const r = await s.call('user_activation_resend_post', json({ username: nobody(), 'g-recaptcha-response': 'contract-test-token' }));
      s.observe('resend for an unknown username', `status ${r.status}`);
    });

    s.test('user_activation_resend_post with an empty reCAPTCHA token', ['user_activation_resend_post'], async () => {
      await s.call('user_activation_resend_post', json({ username: nobody(), 'g-recaptcha-response': '' }));
    });

    s.test('user_activation_resend_post without the reCAPTCHA field', ['user_activation_resend_post'], async () => {
      await s.call('user_activation_resend_post', json({ username: nobody() }));
    });

    for (const [label, authorization] of [['no token', undefined], ['a malformed token', 'Bearer not-a-jwt']] as const) {
      s.test(`user_password_patch with ${label}`, ['user_password_patch'], async () => {
        await s.call('user_password_patch', { body: { old_password: 'a', new_password: 'b' }, headers: authorization ? { Authorization: authorization } : {} });
      });
    }
  });

  s.tier('public', 'the multi-factor and user operations, changing no account', () => {
    s.test('authenticate with an invalid mfa_token', ['authenticate'], async () => {
      const r = await s.call('authenticate', json({ mfa_token: 'not-a-token', code: '123456' }));
      s.observe('authenticate with a bad mfa_token', `status ${r.status}, ${r.text ? 'with a body' : 'empty body'}`);
    });

    s.test('authenticate with a plain (not SHA-1) password', ['authenticate'], async () => {
      const r = await s.call('authenticate', json({ username: nobody(), password: 'plain-password' }));
      s.observe('authenticate with a plain password', `status ${r.status}`);
    });

    const withoutToken = [
      ['post-mfa', { body: { type: { id: 1 }, password: 'contract-password' } }],
      ['user-mfa-by-id-patch', { body: { status: { id: 1 }, code: '123456' }, path: { key_id: '1' } }],
      ['user-mfa-by-user-id-and-key-id-delete', { path: { user_id: '1', key_id: '1' } }],
      ['user-by-id-get', { path: { user_id: '1' } }],
    ] as const;
    for (const [operationId, options] of withoutToken) {
      s.test(`${operationId} without a token`, [operationId], async () => {
        await s.call(operationId, { ...options, headers: { Authorization: 'Bearer not-a-jwt' } });
      });
    }

    s.test('accept-user-invitation without a token', ['accept-user-invitation'], async () => {
      await s.call('accept-user-invitation', { body: { activationKey: `unknown-${s.unique}`, password: 'contract-password' }, headers: { Authorization: 'Bearer not-a-jwt' } });
    });
  });

  s.tier('robustness', 'malformed and oversized bodies', () => {
    s.test('malformed JSON', ['authenticate'], async () => {
      await s.call('authenticate', { rawBody: '{"username":', contentType: 'application/json' });
    });

    s.test('a body over 100 kB', ['user_activation_post'], async () => {
      await s.call('user_activation_post', json({ activationKey: 'x'.repeat(101 * 1024), password: 'contract-password' }));
    });
  });

  s.tier('credentialed', 'calls with a test account', () => {
    s.test('authenticate with the account and refresh the token', ['authenticate'], async () => {
      const r = await s.call('authenticate', json({ username: s.credentials.USERNAME, password: sha1(s.credentials.PASSWORD) }));
      await s.call('authenticate', json({ refresh_token: s.field(r, 'refresh_token') }));
    });

    s.test('user_password_patch with a wrong old password changes nothing', ['authenticate', 'user_password_patch'], async () => {
      const token = await authToken(s.credentials.USERNAME, s.credentials.PASSWORD);
      await s.call('user_password_patch', { body: { old_password: `wrong-${s.unique}`, new_password: 'contract-password-2' }, headers: { Authorization: `Bearer ${token}` } });
    });

    s.test(
      'user_password_patch changes the password and changes it back',
      { calls: ['authenticate', 'user_password_patch'], changes: 'the test account’s password (set back at the end)' },
      async () => {
        const { USERNAME: user, PASSWORD: password } = s.credentials;
        const temporary = `contract-${s.unique}`;
        const token = await authToken(user, password);
        await s.call('user_password_patch', { body: { old_password: password, new_password: temporary }, headers: { Authorization: `Bearer ${token}` } });
        const again = await authToken(user, temporary);
        await s.call('user_password_patch', { body: { old_password: temporary, new_password: password }, headers: { Authorization: `Bearer ${again}` } });
      },
    );
  });

  s.tier('flow', 'whole flows through the admin API', () => {

    s.test('a pending user is activated from the mail, authenticates with the SHA-1 digest and changes the password', ['user_activation_resend_post', 'user_activation_post', 'authenticate', 'user_password_patch'], async () => {
      const email = `flow-${s.unique}@emnify.example`;
      s.expect((await s.admin.post('/users', { vendor: 'emnify', email, status: 'pending' })).status === 201, 'the admin API did not create the pending user');
      await s.call('user_activation_resend_post', json({ username: email, 'g-recaptcha-response': 'contract-test-token' }));
      const activated = await s.call('user_activation_post', json({ activationKey: await mailCode(email, 'activation'), password: 'flow-password-1' }));
      s.expectStatus(activated, 204);
      const token = await authToken(email, 'flow-password-1');
      const changed = await s.call('user_password_patch', { body: { old_password: 'flow-password-1', new_password: 'flow-password-2' }, headers: { Authorization: `Bearer ${token}` } });
      s.expectStatus(changed, 204);
      await authToken(email, 'flow-password-2');
    });

    s.test('a second resend right away is limited, and three bad passwords lock the account', ['user_activation_resend_post', 'authenticate'], async () => {
      const email = `limits-${s.unique}@emnify.example`;
      await s.admin.post('/users', { vendor: 'emnify', email, status: 'pending' });
      await s.call('user_activation_resend_post', json({ username: email, 'g-recaptcha-response': 'contract-test-token' }));
      const second = await s.call('user_activation_resend_post', json({ username: email, 'g-recaptcha-response': 'contract-test-token' }));
      s.expectStatus(second, 429);
      const active = `locked-${s.unique}@emnify.example`;
      await s.admin.post('/users', { vendor: 'emnify', email: active, password: 'right-password' });
      for (let i = 0; i < 3; i++) await s.call('authenticate', json({ username: active, password: sha1('wrong-password') }));
      const locked = await s.call('authenticate', json({ username: active, password: sha1('right-password') }));
      s.expectJson(locked, { error_code: 1105, error_token: 'TooManyRequests' });
    });

    s.test('an MFA user gets an mfa_token and an e-mailed code, which answers the tokens; a trusted device skips MFA', ['authenticate'], async () => {
      const email = `mfa-${s.unique}@emnify.example`;
      await s.admin.post('/users', { vendor: 'emnify', email, password: 'mfa-password-1', mfa: true });
      const first = await s.call('authenticate', json({ username: email, password: sha1('mfa-password-1') }));
      const mfaToken = s.field(first, 'mfa_token');
      const code = await mailCode(email, 'mfa-code');
      s.expectStatus(await s.call('authenticate', json({ mfa_token: mfaToken, code: '000000' })), 401);
      const second = await s.call('authenticate', json({ mfa_token: mfaToken, code, trusted_device: { fingerprint: `device-${s.unique}` } }));
      s.expectJson(second, { auth_token: String });
      const trusted = await s.call('authenticate', json({ username: email, password: sha1('mfa-password-1'), fingerprint: `device-${s.unique}` }));
      s.expectJson(trusted, { auth_token: String });
    });

    s.test('an MFA key is created, activated with a code from its secret, shown on the user and deleted', ['authenticate', 'post-mfa', 'user-mfa-by-id-patch', 'user-by-id-get', 'user-mfa-by-user-id-and-key-id-delete'], async () => {
      const email = `keys-${s.unique}@emnify.example`;
      await s.admin.post('/users', { vendor: 'emnify', email, password: 'keys-password-1' });
      const headers = { Authorization: `Bearer ${await authToken(email, 'keys-password-1')}` };
      const created = await s.call('post-mfa', { body: { type: { id: 1 }, password: 'keys-password-1' }, headers });
      const keyId = String(s.field<number>(created, 'id'));
      const activated = await s.call('user-mfa-by-id-patch', { body: { status: { id: 1 }, code: totp(s.field(created, 'secret_key')) }, headers, path: { key_id: keyId } });
      s.expectStatus(activated, 204);
      const user = await s.call('user-by-id-get', { headers, path: { user_id: email } });
      const deleted = await s.call('user-mfa-by-user-id-and-key-id-delete', { headers, path: { user_id: String(s.field<number>(user, 'id')), key_id: keyId } });
      s.expectStatus(deleted, 204);
    });

    s.test('a pending user accepts with accept-user-invitation, which takes a Bearer token, and logs in', ['accept-user-invitation', 'authenticate'], async () => {
      const email = `pending-${s.unique}@emnify.example`;
      await s.admin.post('/users', { vendor: 'emnify', email, status: 'pending' });
      const key = await mailCode(email, 'activation');
      // A malformed token rather than none: a Prism validation proxy in front of the mock refuses a request without the scheme itself.
      s.expectStatus(await s.call('accept-user-invitation', { headers: { Authorization: 'Bearer not-a-jwt' }, body: { activationKey: key, password: 'invited-password-1' } }), 401);
      const inviter = `inviter-${s.unique}@emnify.example`;
      await s.admin.post('/users', { vendor: 'emnify', email: inviter, password: 'inviter-password-1' });
      const headers = { Authorization: `Bearer ${await authToken(inviter, 'inviter-password-1')}` };
      s.expectStatus(await s.call('accept-user-invitation', { headers, body: { activationKey: key, password: 'invited-password-1', name: 'Invited' } }), 204);
      await authToken(email, 'invited-password-1');
    });
  });

  accountStory(s, { authToken, mailCode });
});
