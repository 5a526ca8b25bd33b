import { contractSuite } from '../jest/contract-suite';

const suite = contractSuite('akana', {
  credentialed: { available: false, reason: 'the Akana operations covered take no credentials' },
});
const form = (emailAddress?: string) => ({ body: emailAddress === undefined ? {} : { emailAddress }, contentType: 'application/x-www-form-urlencoded', headers: { Accept: '*/*' } });
const formOf = (body: Record<string, string>) => ({ body, contentType: 'application/x-www-form-urlencoded', headers: { Accept: 'application/json' } });
const jsonOf = (body: unknown) => ({ body, headers: { Accept: 'application/json' } });
const mailbox = async (email: string, kind: string) =>
  ((await suite.admin.get(`/mailbox?to=${encodeURIComponent(email)}&vendor=akana&kind=${kind}`)).body as { messages: { code: string }[] }).messages;

suite.tier('public', 'every operation, changing no account', () => {
  test('resendActivation for an unknown address', async () => {
    const r = await suite.call('resendActivation', form(`contract-${suite.unique}@example.invalid`));
    expect(r).toSatisfyContract();
    suite.observe('resend for an unknown address', `status ${r.status}, ${r.text ? 'a body' : 'no body'}, Cache-Control: ${r.headers['cache-control'] ?? '(none)'}`);
  });

  test.each([
    ['no emailAddress', undefined],
    ['a malformed address', 'not-an-address'],
  ])('resendActivation with %s', async (_label, email) => {
    expect(await suite.call('resendActivation', form(email))).toSatisfyContract();
  });
});

suite.tier('public', 'login, sign-up and reset, changing no account', () => {
  test('login with an unknown address', async () => {
    const r = await suite.call('login', jsonOf({ email: `contract-${suite.unique}@example.invalid`, password: 'not-a-password' }));
    expect(r).toSatisfyContract();
    suite.observe('login with wrong credentials', `status ${r.status} (the spec guesses 401, x-inferred)`);
  });

  test('verifySignup with a wrong code', async () => {
    expect(await suite.call('verifySignup', formOf({ signupCode: `wrong-${suite.unique}` }))).toSatisfyContract();
  });

  test('completeSignup with a wrong code', async () => {
    expect(await suite.call('completeSignup', jsonOf({ EmailAddress: `contract-${suite.unique}@example.invalid`, Password: 'contract-password', SignupCode: `wrong-${suite.unique}` }))).toSatisfyContract();
  });

  test('sendPasswordResetCode for an unknown address', async () => {
    const r = await suite.call('sendPasswordResetCode', formOf({ emailAddress: `contract-${suite.unique}@example.invalid` }));
    expect(r).toSatisfyContract();
    suite.observe('reset code for an unknown address', `status ${r.status}, ${r.text ? 'a body' : 'no body'}`);
  });

  test('validatePasswordResetCode with a wrong code', async () => {
    expect(await suite.call('validatePasswordResetCode', formOf({ emailAddress: `contract-${suite.unique}@example.invalid`, passwordResetCode: 'wrong' }))).toSatisfyContract();
  });

  test('authenticateWithPasswordResetCode with a wrong code', async () => {
    expect(await suite.call('authenticateWithPasswordResetCode', jsonOf({ email: `contract-${suite.unique}@example.invalid`, passwordResetCode: 'wrong', password: 'contract-password' }))).toSatisfyContract();
  });
});

suite.tier('robustness', 'content negotiation and verbs', () => {
  test('login with a form instead of JSON', async () => {
    const r = await suite.call('login', formOf({ email: `contract-${suite.unique}@example.invalid`, password: 'x' }));
    expect(r).toSatisfyContract();
    suite.observe('login with a form', `status ${r.status} (Akana documents 404 for a wrong content type)`);
  });

  test('a JSON body instead of a form', async () => {
    const r = await suite.call('resendActivation', { body: { emailAddress: `contract-${suite.unique}@example.invalid` }, headers: { Accept: '*/*' } });
    expect(r).toSatisfyContract();
    suite.observe('JSON body', `status ${r.status} (Akana documents 404 for a wrong content type)`);
  });

  test('an Accept header naming no documented media type', async () => {
    const r = await suite.call('resendActivation', { ...form(`contract-${suite.unique}@example.invalid`), headers: { Accept: 'text/html' } });
    expect(r).toSatisfyContract();
    suite.observe('Accept: text/html', `status ${r.status} (Akana's status page says 404)`);
  });

  test('a body over 100 kB', async () => {
    expect(await suite.call('resendActivation', form(`${'x'.repeat(101 * 1024)}@example.invalid`))).toSatisfyContract();
  });

  test('GET instead of POST', async () => {
    const r = await suite.call('resendActivation', { method: 'GET', headers: { Accept: '*/*' } });
    expect(r).toSatisfyContract();
    suite.observe('GET', `status ${r.status}, Allow: ${r.headers.allow ?? '(none)'}`);
  });
});

suite.tier('flow', 'whole flows through the admin API', () => {
  test('a pending user gets a new code in the mailbox; an active one gets none', async () => {
    const pending = `flow-${suite.unique}@akana.example`;
    const active = `active-${suite.unique}@akana.example`;
    await suite.admin.post('/users', { vendor: 'akana', email: pending, status: 'pending' });
    await suite.admin.post('/users', { vendor: 'akana', email: active, password: 'active-password', status: 'active' });
    for (const [email, mails] of [
      [pending, 2],
      [active, 0],
    ] as const) {
      const r = await suite.call('resendActivation', form(email));
      expect(r).toSatisfyContract();
      expect(r.status).toBe(200);
      const box = (await suite.admin.get(`/mailbox?to=${encodeURIComponent(email)}&vendor=akana`)).body as { messages: unknown[] };
      expect(box.messages).toHaveLength(mails);
    }
  });

  test('the per-address limit answers 429', async () => {
    const email = `limit-${suite.unique}@example.invalid`;
    let last = await suite.call('resendActivation', form(email));
    for (let i = 0; i < 5 && last.status !== 429; i++) last = await suite.call('resendActivation', form(email));
    expect(last).toSatisfyContract();
    expect(last.status).toBe(429);
  });

  test('sign-up: signupUser mails a code; verifySignup, completeSignup (logged in), then login', async () => {
    const email = `signup-${suite.unique}@akana.example`;
    const started = await suite.call('signupUser', jsonOf({ FirstName: 'Contract', LastName: 'Signup', EmailAddress: email }));
    expect(started).toSatisfyContract();
    const [{ code }] = await mailbox(email, 'activation');
    const verified = await suite.call('verifySignup', formOf({ signupCode: code }));
    expect(verified).toSatisfyContract();
    expect(verified.status).toBe(200);
    const completed = await suite.call('completeSignup', jsonOf({ EmailAddress: email, Password: 'signup-password-1', SignupCode: code }));
    expect(completed).toSatisfyContract();
    expect(completed.status).toBe(200);
    const login = await suite.call('login', jsonOf({ email, password: 'signup-password-1' }));
    expect(login).toSatisfyContract();
    expect(login.status).toBe(200);
  });

  test('password reset: the mailed code is validated, sets the new password and logs in', async () => {
    const email = `reset-${suite.unique}@akana.example`;
    await suite.admin.post('/users', { vendor: 'akana', email, password: 'reset-password-1' });
    expect(await suite.call('sendPasswordResetCode', formOf({ emailAddress: email }))).toSatisfyContract();
    const [{ code }] = await mailbox(email, 'password-reset');
    expect(await suite.call('validatePasswordResetCode', formOf({ emailAddress: email, passwordResetCode: code }))).toSatisfyContract();
    const reset = await suite.call('authenticateWithPasswordResetCode', jsonOf({ email, passwordResetCode: code, password: 'reset-password-2' }));
    expect(reset).toSatisfyContract();
    expect(reset.status).toBe(200);
    const old = await suite.call('login', jsonOf({ email, password: 'reset-password-1' }));
    expect(old).toSatisfyContract();
    expect(old.status).toBe(401);
  });
});
