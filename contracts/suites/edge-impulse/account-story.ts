import { Secret, TOTP } from 'otpauth';
import type { SuiteBuilder } from '../../runner/define';

/**
 * The rest of Edge Impulse's account story (profile update, deletion,
 * registration state, SSO, e-mail verification and validation, sign-up
 * approval), in each tier where it applies. Nothing here deletes or changes
 * the credentialed tier's account: deletion runs only in the flow tier, on a
 * user the flow creates.
 */
export function accountStory(s: SuiteBuilder): void {
  const json = (body: unknown) => ({ body });
  const jwt = () => ({ 'x-jwt-token': s.credentials.JWT });
  const nobody = () => `contract-${s.unique}@example.invalid`;
  const totp = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();

  s.tier('public', 'the account story without an account: look-ups and wrong codes', () => {
    s.test('getUserNeedToSetPassword for an unknown user', ['getUserNeedToSetPassword'], async () => {
      const r = await s.call('getUserNeedToSetPassword', { path: { usernameOrEmail: nobody() } });
      s.observe('registration state of an unknown user', `status ${r.status}, body ${r.text.slice(0, 120)} (the spec guesses success: false, x-inferred)`);
    });

    s.test('getSSODomainIdPs for an address of a domain without SSO', ['getSSODomainIdPs'], async () => {
      const r = await s.call('getSSODomainIdPs', { path: { usernameOrEmail: nobody() } });
      s.expectJson(r, { success: true, idps: [] });
    });

    s.test('validateEmail answers a verdict and a score', ['validateEmail'], async () => {
      const r = await s.call('validateEmail', json({ email: nobody() }));
      // The public tier also runs against a stateless server (a Prism mock): the spec judges the answer; only its shape is expected.
      s.expectJson(r, { success: true, verdict: String, score: Number });
      s.observe('validateEmail of an .invalid address', `verdict ${String((r.json as { verdict?: unknown }).verdict)} (the mock's rule is x-inferred)`);
    });

    for (const operationId of ['verifyEmail', 'verifySignupApproval']) {
      s.test(`${operationId} with a wrong code`, [operationId], async () => {
        const r = await s.call(operationId, json({ code: 'wrong-code' }));
        // Judged by the spec; what a stateless server (a Prism mock) answers is its example, so the verdict is observed.
        s.observe(`${operationId} with a wrong code`, `status ${r.status}, success ${String((r.json as { success?: unknown } | undefined)?.success)}`);
      });
    }

    s.test('getEmailVerificationStatus of an id no request has', ['getEmailVerificationStatus'], async () => {
      const r = await s.call('getEmailVerificationStatus', { path: { emailId: '2147483647' } });
      s.observe('status of an unknown verification request', `status ${r.status}, body ${r.text.slice(0, 120)} (x-inferred)`);
    });

    for (const [operationId, body] of [['updateCurrentUser', { name: 'Contract' }], ['deleteCurrentUser', { password: 'contract-password' }]] as const) {
      s.test(`${operationId} without a JWT`, [operationId], async () => {
        const r = await s.call(operationId, { body });
        s.observe(`${operationId} without a token`, r.status === 401 ? 'answers 401, as the spec guesses (x-inferred)' : `answers ${r.status} ${r.text.slice(0, 80)}`);
      });
    }
  });

  s.tier('robustness', 'the account story: schema-invalid requests', () => {
    for (const operationId of ['validateEmail', 'verifyEmail', 'verifySignupApproval']) {
      s.test(`${operationId} with a schema-invalid body`, [operationId], async () => {
        await s.call(operationId, json({}));
      });
    }

    s.test('getEmailVerificationStatus with an id that is not a number', ['getEmailVerificationStatus'], async () => {
      await s.call('getEmailVerificationStatus', { path: { emailId: 'not-a-number' } });
    });

    s.test('requestEmailVerification without redirectUrl (schema-invalid, mails nothing)', ['requestEmailVerification'], async () => {
      await s.call('requestEmailVerification', { body: {}, path: { email: nobody() } });
    });
  });

  s.tier('credentialed', 'the account story with a JWT', () => {
    s.test('updateCurrentUser with a schema-invalid body', ['updateCurrentUser'], async () => {
      await s.call('updateCurrentUser', { body: { projectsSortOrder: 'not-an-order' }, headers: jwt() });
    });

    s.test('updateCurrentUser with an empty body', { calls: ['updateCurrentUser'], changes: 'nothing on purpose: an empty body sets no field, but it is a write' }, async () => {
      const r = await s.call('updateCurrentUser', { body: {}, headers: jwt() });
      s.expectJson(r, { success: true });
    });
  });

  s.tier('flow', 'the account story through the admin API', () => {
    const mailCode = async (to: string, kind: string): Promise<string> => {
      const box = (await s.admin.get(`/mailbox?to=${encodeURIComponent(to)}&kind=${kind}`)).body as { messages?: { code: string }[] };
      const code = box?.messages?.[0]?.code;
      s.expect(typeof code === 'string', `no ${kind} mail to ${to} in the mailbox`);
      return code as string;
    };
    const newUser = async (prefix: string) => {
      const email = `${prefix}-${s.unique}@edgeimpulse.example`;
      const username = `${prefix}-${s.unique}`.slice(0, 30);
      const created = await s.admin.post('/users', { vendor: 'edge-impulse', email, username, password: `${prefix}-password-1` });
      s.expect(created.status === 201, `the admin API did not create ${username} (status ${created.status})`);
      const login = await s.call('login', json({ username, password: `${prefix}-password-1` }));
      return { email, username, password: `${prefix}-password-1`, headers: { 'x-jwt-token': s.field(login, 'token') } };
    };

    s.test('updateCurrentUser sets the fields given, and getCurrentUser answers them', ['login', 'updateCurrentUser', 'getCurrentUser'], async () => {
      const { headers } = await newUser('profile');
      const updated = await s.call('updateCurrentUser', { body: { name: 'Profile Name', jobTitle: 'Tester', timezone: 'Europe/Amsterdam', projectsSortOrder: 'name-asc' }, headers });
      s.expectJson(updated, { success: true });
      s.expectJson(await s.call('getCurrentUser', { headers }), { name: 'Profile Name', jobTitle: 'Tester', timezone: 'Europe/Amsterdam', projectsSortOrder: 'name-asc' });
    });

    s.test('deleteCurrentUser refuses a wrong password, then deletes: the JWT and the login stop working', ['login', 'deleteCurrentUser', 'getCurrentUser', 'getUserNeedToSetPassword'], async () => {
      const { username, password, headers } = await newUser('delete');
      s.expectJson(await s.call('getUserNeedToSetPassword', { path: { usernameOrEmail: username } }), { success: true, needPassword: false });
      s.expectJson(await s.call('deleteCurrentUser', { body: { password: 'wrong-password' }, headers }), { success: false });
      s.expectJson(await s.call('deleteCurrentUser', { body: { password }, headers }), { success: true });
      const after = await s.call('getCurrentUser', { headers });
      s.expect(after.status === 401 || (after.json as { success?: unknown })?.success === false, `the deleted user's JWT still works (status ${after.status})`);
      s.expectJson(await s.call('login', json({ username, password })), { success: false });
    });

    s.test('deleteCurrentUser of an MFA user asks for the TOTP token first', ['login', 'userGenerateNewTotpMfaKey', 'userSetTotpMfaKey', 'deleteCurrentUser'], async () => {
      const { password, headers } = await newUser('mfadel');
      const withType = { ...headers, 'Content-Type': 'application/json' };
      const key = s.field(await s.call('userGenerateNewTotpMfaKey', { headers: withType }), 'key');
      await s.call('userSetTotpMfaKey', { body: { key, totpToken: totp(key) }, headers });
      s.expectJson(await s.call('deleteCurrentUser', { body: { password }, headers }), { success: false, error: /^ERR_TOTP_TOKEN IS REQUIRED/ });
      s.expectJson(await s.call('deleteCurrentUser', { body: { password, totpToken: totp(key) }, headers }), { success: true });
    });

    s.test('an e-mail verification code from the mailbox verifies the address, and the status follows', ['requestEmailVerification', 'getEmailVerificationStatus', 'verifyEmail'], async () => {
      const address = `verify-${s.unique}@edgeimpulse.example`;
      const requested = await s.call('requestEmailVerification', { body: { redirectUrl: 'https://studio.edgeimpulse.com/signup' }, path: { email: address } });
      const id = String(s.field<number>(requested, 'id'));
      s.expectJson(await s.call('getEmailVerificationStatus', { path: { emailId: id } }), { success: true, verified: false });
      s.expectJson(await s.call('verifyEmail', json({ code: await mailCode(address, 'email-verification') })), { success: true, email: address });
      s.expectJson(await s.call('getEmailVerificationStatus', { path: { emailId: id } }), { success: true, verified: true });
    });

    s.test('a sign-up naming an approver mails the approval code, which verifySignupApproval takes once', ['createUser', 'verifySignupApproval'], async () => {
      const email = `approve-${s.unique}@edgeimpulse.example`;
      const approver = `approver-${s.unique}@edgeimpulse.example`;
      const username = `approve-${s.unique}`.slice(0, 30);
      await s.call('createUser', json({ name: 'Approve Me', username, email, password: 'approve-password', privacyPolicy: true, turnstileResponse: 'contract-token', approverEmail: approver }));
      const code = await mailCode(approver, 'signup-approval');
      s.expectJson(await s.call('verifySignupApproval', json({ code })), { success: true, username, email });
      s.expectJson(await s.call('verifySignupApproval', json({ code })), { success: false });
    });
  });
}
