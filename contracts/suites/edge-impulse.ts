import { Secret, TOTP } from 'otpauth';
import type { CallResult } from '../kit/client';
import { defineSuite } from '../runner/define';
import { accountStory } from './edge-impulse/account-story';

// The credentialed tier runs when the credentials contracts/vendors/edge-impulse.ts names are set.
export default defineSuite('edge-impulse', (s) => {
  const json = (body: unknown) => ({ body });
  const jwt = () => ({ 'x-jwt-token': s.credentials.JWT });
  const nobody = () => `contract-${s.unique}@example.invalid`;
  const totp = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();

  // Some answers are documented to the key (`{ success: true }`): they must carry
  // the keys named and no others, which a partial match alone would let through.
  const expectExactly = (r: CallResult, pattern: Record<string, unknown>) => {
    s.expectJson(r, pattern);
    const extra = Object.keys(r.json as object).filter((key) => !(key in pattern));
    s.expect(extra.length === 0, `${r.operationId} answered with ${extra.join(', ')} besides ${Object.keys(pattern).join(', ')}`);
  };

  s.tier('public', 'every operation, changing no account', () => {
    s.test('login with an unknown user', ['login'], async () => {
      const r = await s.call('login', json({ username: `contract-${s.unique}`, password: 'not-a-password' }));
      s.observe('login with wrong credentials', `status ${r.status}, body ${r.text.slice(0, 120)}`);
    });

    s.test('login without a password (schema-invalid body)', ['login'], async () => {
      const r = await s.call('login', json({ username: 'someone' }));
      s.observe('schema-invalid body', `status ${r.status} (the spec guesses 400, x-inferred)`);
    });

    s.test('requestResetPassword for an unknown address', ['requestResetPassword'], async () => {
      await s.call('requestResetPassword', json({ email: nobody() }));
    });

    s.test('verifyResetPassword with a wrong code', ['verifyResetPassword'], async () => {
      await s.call('verifyResetPassword', json({ email: nobody(), code: 'wrong-code' }));
    });

    s.test('resetPassword with a wrong code', ['resetPassword'], async () => {
      await s.call('resetPassword', json({ email: nobody(), code: 'wrong-code', newPassword: 'contract-password' }));
    });

    const withoutJwt = [
      ['requestActivationCodeCurrentUser', undefined],
      ['activateCurrentUser', { code: 'wrong-code' }],
      ['getUserByThirdPartyActivationCode', { activationCode: 'wrong-code' }],
      ['activateUserByThirdPartyActivationCode', { activationCode: 'wrong-code', username: 'contract-user', password: 'contract-password' }],
      ['getCurrentUser', undefined],
      ['changePasswordCurrentUser', { currentPassword: 'wrong-password', newPassword: 'contract-password' }],
      ['userGenerateNewTotpMfaKey', undefined],
      ['userSetTotpMfaKey', { key: 'JBSWY3DPEHPK3PXP', totpToken: '000000' }],
      ['userDeleteTotpMfaKey', { totpToken: '000000' }],
    ] as const;
    for (const [operationId, body] of withoutJwt) {
      s.test(`${operationId} without a JWT`, [operationId], async () => {
        const r = await s.call(operationId, body ? { body } : { headers: { 'Content-Type': 'application/json' } });
        s.observe(`${operationId} without a token`, r.status === 401 ? 'answers 401, as the spec guesses (x-inferred)' : `answers ${r.status} ${r.text.slice(0, 80)}`);
      });
    }

    s.test('createUser without the required turnstileResponse (schema-invalid, creates nobody)', ['createUser'], async () => {
      await s.call('createUser', json({ name: 'Contract', username: `contract-${s.unique}`.slice(0, 30), email: nobody(), privacyPolicy: true }));
    });

    s.test('createUser with a username that breaks the documented rule', ['createUser'], async () => {
      const r = await s.call('createUser', json({ name: 'Contract', username: 'a..b', email: nobody(), privacyPolicy: true, turnstileResponse: 'contract-token' }));
      s.observe('createUser with a bad username', `status ${r.status}, ${r.text.slice(0, 100)}`);
    });

    s.test('a JWT-only operation with only an API key', ['activateCurrentUser'], async () => {
      const r = await s.call('activateCurrentUser', { body: { code: 'wrong-code' }, headers: { 'x-api-key': 'ei_0000000000000000' } });
      s.observe('API key on a JWT-only operation', `status ${r.status}`);
    });

    s.test('a JWT-only operation with an invalid JWT', ['requestActivationCodeCurrentUser'], async () => {
      await s.call('requestActivationCodeCurrentUser', { headers: { 'x-jwt-token': 'not.a.jwt', 'Content-Type': 'application/json' } });
    });
  });

  s.tier('robustness', 'malformed and oversized bodies', () => {
    s.test('malformed JSON', ['login'], async () => {
      await s.call('login', { rawBody: '{"username": ', contentType: 'application/json' });
    });

    for (const operationId of ['login', 'requestResetPassword', 'verifyResetPassword', 'resetPassword']) {
      s.test(`${operationId} with a body over 100 kB`, [operationId], async () => {
        await s.call(operationId, json({ email: 'x'.repeat(101 * 1024) }));
      });
    }

    for (const operationId of ['requestResetPassword', 'verifyResetPassword', 'resetPassword']) {
      s.test(`${operationId} with a schema-invalid body`, [operationId], async () => {
        await s.call(operationId, json({}));
      });
    }
  });

  s.tier('credentialed', 'calls with a JWT', () => {
    for (const operationId of ['activateCurrentUser', 'getUserByThirdPartyActivationCode', 'activateUserByThirdPartyActivationCode']) {
      s.test(`${operationId} with a schema-invalid body`, [operationId], async () => {
        await s.call(operationId, { body: {}, headers: jwt() });
      });
    }

    s.test('activateCurrentUser with a wrong code changes nothing', ['activateCurrentUser'], async () => {
      await s.call('activateCurrentUser', { body: { code: 'wrong-code' }, headers: jwt() });
    });

    s.test('getUserByThirdPartyActivationCode with an unknown code', ['getUserByThirdPartyActivationCode'], async () => {
      await s.call('getUserByThirdPartyActivationCode', { body: { activationCode: 'wrong-code' }, headers: jwt() });
    });

    s.test('requestActivationCodeCurrentUser', { calls: ['requestActivationCodeCurrentUser'], changes: 'the test account’s mailbox (it mails the account an activation code)' }, async () => {
      await s.call('requestActivationCodeCurrentUser', { headers: { ...jwt(), 'Content-Type': 'application/json' } });
    });
  });

  s.tier('flow', 'whole flows through the admin API', () => {
    const email = () => `flow-${s.unique}@edgeimpulse.example`;
    const username = () => `flow-${s.unique}`.slice(0, 30);
    const mailCode = async (to: string, kind: string): Promise<string> => {
      const box = (await s.admin.get(`/mailbox?to=${encodeURIComponent(to)}&kind=${kind}`)).body as { messages?: { code: string }[] };
      const code = box?.messages?.[0]?.code;
      s.expect(typeof code === 'string', `no ${kind} mail to ${to} in the mailbox`);
      return code as string;
    };

    s.test('a pending user logs in, requests activation, reads the code from the mailbox and activates', ['login', 'requestActivationCodeCurrentUser', 'activateCurrentUser'], async () => {
      const created = await s.admin.post('/users', { vendor: 'edge-impulse', email: email(), username: username(), password: 'flow-password-1', status: 'pending' });
      s.expect(created.status === 201, `the admin API did not create the pending user (status ${created.status})`);
      const login = await s.call('login', json({ username: username(), password: 'flow-password-1' }));
      const token = s.field(login, 'token');
      await s.call('requestActivationCodeCurrentUser', { headers: { 'x-jwt-token': token, 'Content-Type': 'application/json' } });
      const activated = await s.call('activateCurrentUser', { body: { code: await mailCode(email(), 'activation') }, headers: { 'x-jwt-token': token } });
      expectExactly(activated, { success: true });
    });

    s.test('a forgotten password is reset with the mailed code, and the new password logs in', ['requestResetPassword', 'verifyResetPassword', 'resetPassword', 'login'], async () => {
      const resetEmail = `reset-${s.unique}@edgeimpulse.example`;
      await s.admin.post('/users', { vendor: 'edge-impulse', email: resetEmail, username: `reset-${s.unique}`.slice(0, 30), password: 'old-password-1' });
      await s.call('requestResetPassword', json({ email: resetEmail }));
      const code = await mailCode(resetEmail, 'password-reset');
      await s.call('verifyResetPassword', json({ email: resetEmail, code }));
      const reset = await s.call('resetPassword', json({ email: resetEmail, code, newPassword: 'new-password-1' }));
      expectExactly(reset, { success: true });
      const login = await s.call('login', json({ username: resetEmail, password: 'new-password-1' }));
      s.expectJson(login, { success: true });
    });

    s.test('a third party’s user is looked up and activated by its code', ['login', 'getUserByThirdPartyActivationCode', 'activateUserByThirdPartyActivationCode'], async () => {
      const created = (await s.admin.post('/third-party-activation-codes', { email: `third-${s.unique}@edgeimpulse.example`, name: 'Third Party' })).body as { activationCode?: string } | undefined;
      const activationCode = created?.activationCode;
      s.expect(typeof activationCode === 'string', 'the admin API made no third-party activation code');
      await s.admin.post('/users', { vendor: 'edge-impulse', email: `helper-${s.unique}@edgeimpulse.example`, username: `helper-${s.unique}`.slice(0, 30), password: 'helper-password' });
      const login = await s.call('login', json({ username: `helper-${s.unique}`.slice(0, 30), password: 'helper-password' }));
      const headers = { 'x-jwt-token': s.field(login, 'token') };
      await s.call('getUserByThirdPartyActivationCode', { body: { activationCode }, headers });
      const activated = await s.call('activateUserByThirdPartyActivationCode', { body: { activationCode, username: `third-${s.unique}`.slice(0, 30), password: 'third-password', name: 'Third Party' }, headers });
      expectExactly(activated, { success: true, token: String });
    });

    s.test(
      'sign-up mails a code; the pending user logs in, activates, changes the password and logs in with the new one',
      ['createUser', 'login', 'activateCurrentUser', 'getCurrentUser', 'changePasswordCurrentUser'],
      async () => {
        const signupEmail = `signup-${s.unique}@edgeimpulse.example`;
        const name = `signup-${s.unique}`.slice(0, 30);
        const created = await s.call('createUser', json({ name: 'Sign Up', username: name, email: signupEmail, password: 'signup-password-1', privacyPolicy: true, turnstileResponse: 'contract-token' }));
        s.expectJson(created, { success: true });
        const login = await s.call('login', json({ username: name, password: 'signup-password-1' }));
        const headers = { 'x-jwt-token': s.field(login, 'token') };
        await s.call('activateCurrentUser', { body: { code: await mailCode(signupEmail, 'activation') }, headers });
        const me = await s.call('getCurrentUser', { headers });
        s.expectJson(me, { success: true, activated: true });
        const changed = await s.call('changePasswordCurrentUser', { body: { currentPassword: 'signup-password-1', newPassword: 'signup-password-2' }, headers });
        expectExactly(changed, { success: true });
        const again = await s.call('login', json({ username: name, password: 'signup-password-2' }));
        s.expectJson(again, { success: true });
      },
    );

    s.test('TOTP MFA is set up with a code from the new key, demanded at login, and cleared', ['login', 'userGenerateNewTotpMfaKey', 'userSetTotpMfaKey', 'userDeleteTotpMfaKey'], async () => {
      const mfaEmail = `mfa-${s.unique}@edgeimpulse.example`;
      const name = `mfa-${s.unique}`.slice(0, 30);
      await s.admin.post('/users', { vendor: 'edge-impulse', email: mfaEmail, username: name, password: 'mfa-password-1' });
      const login = await s.call('login', json({ username: name, password: 'mfa-password-1' }));
      const headers = { 'x-jwt-token': s.field(login, 'token'), 'Content-Type': 'application/json' };
      const key = s.field(await s.call('userGenerateNewTotpMfaKey', { headers }), 'key');
      const set = await s.call('userSetTotpMfaKey', { body: { key, totpToken: totp(key) }, headers });
      s.expectJson(set, { success: true });
      const refused = await s.call('login', json({ username: name, password: 'mfa-password-1' }));
      s.expectJson(refused, { error: /^ERR_TOTP_TOKEN IS REQUIRED/ });
      const cleared = await s.call('userDeleteTotpMfaKey', { body: { totpToken: totp(key) }, headers });
      expectExactly(cleared, { success: true });
    });
  });

  accountStory(s);
});
