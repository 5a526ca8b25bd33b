import { defineSuite } from '../runner/define';

// No credentialed tier: the Akana operations covered take no credentials.
export default defineSuite('akana', (s) => {
  const form = (emailAddress?: string) => ({ body: emailAddress === undefined ? {} : { emailAddress }, contentType: 'application/x-www-form-urlencoded', headers: { Accept: '*/*' } });
  const formOf = (body: Record<string, string>) => ({ body, contentType: 'application/x-www-form-urlencoded', headers: { Accept: 'application/json' } });
  const jsonOf = (body: unknown) => ({ body, headers: { Accept: 'application/json' } });
  const nobody = () => `contract-${s.unique}@example.invalid`;

  s.tier('public', 'every operation, changing no account', () => {
    s.test('resendActivation for an unknown address', ['resendActivation'], async () => {
      const r = await s.call('resendActivation', form(nobody()));
      s.observe('resend for an unknown address', `status ${r.status}, ${r.text ? 'a body' : 'no body'}, Cache-Control: ${r.headers['cache-control'] ?? '(none)'}`);
    });

    for (const [label, email] of [['no emailAddress', undefined], ['a malformed address', 'not-an-address']] as const) {
      s.test(`resendActivation with ${label}`, ['resendActivation'], async () => {
        await s.call('resendActivation', form(email));
      });
    }
  });

  s.tier('public', 'login, sign-up and reset, changing no account', () => {
    s.test('login with an unknown address', ['login'], async () => {
      const r = await s.call('login', jsonOf({ email: nobody(), password: 'not-a-password' }));
      s.observe('login with wrong credentials', `status ${r.status} (the spec guesses 401, x-inferred)`);
    });

    s.test('verifySignup with a wrong code', ['verifySignup'], async () => {
      await s.call('verifySignup', formOf({ signupCode: `wrong-${s.unique}` }));
    });

    s.test('completeSignup with a wrong code', ['completeSignup'], async () => {
      await s.call('completeSignup', jsonOf({ EmailAddress: nobody(), Password: 'contract-password', SignupCode: `wrong-${s.unique}` }));
    });

    s.test('sendPasswordResetCode for an unknown address', ['sendPasswordResetCode'], async () => {
      const r = await s.call('sendPasswordResetCode', formOf({ emailAddress: nobody() }));
      s.observe('reset code for an unknown address', `status ${r.status}, ${r.text ? 'a body' : 'no body'}`);
    });

    s.test('validatePasswordResetCode with a wrong code', ['validatePasswordResetCode'], async () => {
      await s.call('validatePasswordResetCode', formOf({ emailAddress: nobody(), passwordResetCode: 'wrong' }));
    });

    s.test('authenticateWithPasswordResetCode with a wrong code', ['authenticateWithPasswordResetCode'], async () => {
      await s.call('authenticateWithPasswordResetCode', jsonOf({ email: nobody(), passwordResetCode: 'wrong', password: 'contract-password' }));
    });
  });

  s.tier('robustness', 'content negotiation and verbs', () => {
    s.test('login with a form instead of JSON', ['login'], async () => {
      const r = await s.call('login', formOf({ email: nobody(), password: 'x' }));
      s.observe('login with a form', `status ${r.status} (Akana documents 404 for a wrong content type)`);
    });

    s.test('a JSON body instead of a form', ['resendActivation'], async () => {
      const r = await s.call('resendActivation', { body: { emailAddress: nobody() }, headers: { Accept: '*/*' } });
      s.observe('JSON body', `status ${r.status} (Akana documents 404 for a wrong content type)`);
    });

    s.test('an Accept header naming no documented media type', ['resendActivation'], async () => {
      const r = await s.call('resendActivation', { ...form(nobody()), headers: { Accept: 'text/html' } });
      s.observe('Accept: text/html', `status ${r.status} (Akana's status page says 404)`);
    });

    s.test('a body over 100 kB', ['resendActivation'], async () => {
      await s.call('resendActivation', form(`${'x'.repeat(101 * 1024)}@example.invalid`));
    });

    s.test('GET instead of POST', ['resendActivation'], async () => {
      const r = await s.call('resendActivation', { method: 'GET', headers: { Accept: '*/*' } });
      s.observe('GET', `status ${r.status}, Allow: ${r.headers.allow ?? '(none)'}`);
    });
  });

  s.tier('flow', 'whole flows through the admin API', () => {
    const mailbox = async (email: string, kind?: string): Promise<unknown[] | undefined> => {
      const box = (await s.admin.get(`/mailbox?to=${encodeURIComponent(email)}&vendor=akana${kind ? `&kind=${kind}` : ''}`)).body as { messages?: unknown[] } | undefined;
      return Array.isArray(box?.messages) ? box.messages : undefined;
    };
    const mailCode = async (email: string, kind: string): Promise<string> => {
      const code = ((await mailbox(email, kind))?.[0] as { code?: unknown } | undefined)?.code;
      s.expect(typeof code === 'string', `no ${kind} mail to ${email} in the mailbox`);
      return code as string;
    };

    s.test('a pending user gets a new code in the mailbox; an active one gets none', ['resendActivation'], async () => {
      const pending = `flow-${s.unique}@akana.example`;
      const active = `active-${s.unique}@akana.example`;
      await s.admin.post('/users', { vendor: 'akana', email: pending, status: 'pending' });
      await s.admin.post('/users', { vendor: 'akana', email: active, password: 'active-password', status: 'active' });
      for (const [email, mails] of [
        [pending, 2],
        [active, 0],
      ] as const) {
        const r = await s.call('resendActivation', form(email));
        s.expectStatus(r, 200);
        const messages = await mailbox(email);
        s.expect(messages?.length === mails, `expected ${mails} mails to ${email} in the mailbox, found ${messages ? messages.length : 'no messages list'}`);
      }
    });

    s.test('the per-address limit answers 429', ['resendActivation'], async () => {
      const email = `limit-${s.unique}@example.invalid`;
      let last = await s.call('resendActivation', form(email));
      for (let i = 0; i < 5 && last.status !== 429; i++) last = await s.call('resendActivation', form(email));
      s.expectStatus(last, 429);
    });

    s.test('sign-up: signupUser mails a code; verifySignup, completeSignup (logged in), then login', ['signupUser', 'verifySignup', 'completeSignup', 'login'], async () => {
      const email = `signup-${s.unique}@akana.example`;
      await s.call('signupUser', jsonOf({ FirstName: 'Contract', LastName: 'Signup', EmailAddress: email }));
      const code = await mailCode(email, 'activation');
      s.expectStatus(await s.call('verifySignup', formOf({ signupCode: code })), 200);
      s.expectStatus(await s.call('completeSignup', jsonOf({ EmailAddress: email, Password: 'signup-password-1', SignupCode: code })), 200);
      s.expectStatus(await s.call('login', jsonOf({ email, password: 'signup-password-1' })), 200);
    });

    s.test(
      'password reset: the mailed code is validated, sets the new password and logs in',
      ['sendPasswordResetCode', 'validatePasswordResetCode', 'authenticateWithPasswordResetCode', 'login'],
      async () => {
        const email = `reset-${s.unique}@akana.example`;
        await s.admin.post('/users', { vendor: 'akana', email, password: 'reset-password-1' });
        await s.call('sendPasswordResetCode', formOf({ emailAddress: email }));
        const code = await mailCode(email, 'password-reset');
        await s.call('validatePasswordResetCode', formOf({ emailAddress: email, passwordResetCode: code }));
        s.expectStatus(await s.call('authenticateWithPasswordResetCode', jsonOf({ email, passwordResetCode: code, password: 'reset-password-2' })), 200);
        // The old password no longer logs in.
        s.expectStatus(await s.call('login', jsonOf({ email, password: 'reset-password-1' })), 401);
      },
    );
  });
});
