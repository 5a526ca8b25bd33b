import { defineSuite } from '../runner/define';

/** A session as a client keeps it: the cookie to send back and the CSRF header, named after the cookies login set. */
interface Session {
  headers: Record<string, string>;
  /** Without the CSRF header, for GETs and for refusals. */
  cookie: Record<string, string>;
  userID: string;
}

/** `name=value` of each cookie in a Set-Cookie header (several are joined by `, `; an Expires date has no `=`). */
function cookies(setCookie: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (setCookie ?? '').matchAll(/(?:^|,\s*)([^=;,\s]+)=([^;,]*)/g)) out[m[1]] = m[2];
  return out;
}

// The credentialed tier runs when the credentials contracts/vendors/akana.ts names are set (CONTRACT_AKANA_EMAIL / _PASSWORD).
export default defineSuite('akana', (s) => {
  const form = (emailAddress?: string) => ({ body: emailAddress === undefined ? {} : { emailAddress }, contentType: 'application/x-www-form-urlencoded', headers: { Accept: '*/*' } });
  const formOf = (body: Record<string, string>) => ({ body, contentType: 'application/x-www-form-urlencoded', headers: { Accept: 'application/json' } });
  const jsonOf = (body: unknown) => ({ body, headers: { Accept: 'application/json' } });
  const nobody = () => `contract-${s.unique}@example.invalid`;

  /** Logs in and keeps the session: the AtmoAuthToken_* cookie and the CSRF header named after the Csrf-Token_* cookie. */
  async function session(email: string, password: string): Promise<Session> {
    const r = await s.call('login', jsonOf({ email, password }));
    s.expectStatus(r, 200);
    const jar = cookies(r.headers['set-cookie']);
    const token = Object.keys(jar).find((n) => n.startsWith('AtmoAuthToken'));
    const csrf = Object.keys(jar).find((n) => n.startsWith('Csrf-Token'));
    s.expect(token !== undefined, 'login set no AtmoAuthToken cookie');
    const cookie = { Cookie: `${token}=${jar[token!]}` };
    return { cookie, headers: { ...cookie, ...(csrf ? { [`X-${csrf}`]: jar[csrf] } : {}) }, userID: s.field(r, 'userID') };
  }
  const asText = (headers: Record<string, string>) => ({ ...headers, Accept: 'text/plain' });

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

  s.tier('public', 'the reset parameters in the query string, sessions and users without a session, changing no account', () => {
    s.test('sendPasswordResetCode with emailAddress in the query string (Akana’s worked example)', ['sendPasswordResetCode'], async () => {
      const r = await s.call('sendPasswordResetCode', { query: { emailAddress: nobody() }, contentType: 'application/x-www-form-urlencoded', rawBody: '', headers: { Accept: 'application/json' } });
      s.observe('reset code asked in the query string', `status ${r.status}, ${r.text ? 'a body' : 'no body'}`);
    });

    s.test('validatePasswordResetCode with both parameters in the query string', ['validatePasswordResetCode'], async () => {
      const r = await s.call('validatePasswordResetCode', { query: { passwordResetCode: 'wrong', emailAddress: nobody() }, contentType: 'application/x-www-form-urlencoded', rawBody: '', headers: { Accept: 'application/json' } });
      s.observe('a wrong reset code in the query string', `status ${r.status}`);
    });

    s.test('signupUserWithInvitationCode with a wrong code', ['signupUserWithInvitationCode'], async () => {
      await s.call('signupUserWithInvitationCode', { ...jsonOf({ EmailAddress: nobody(), Password: 'contract-password' }), path: { InvitationCode: `wrong-${s.unique}` } });
    });

    const withoutSession = [
      ['endSession', {}],
      ['logout', { contentType: 'application/x-www-form-urlencoded', rawBody: '' }],
      ['renewToken', { contentType: 'application/x-www-form-urlencoded', rawBody: '' }],
      ['getUser', { path: { UserID: '1' } }],
      ['modifyUser', { path: { UserID: '1' }, body: { FirstName: 'Contract' }, headers: { Accept: 'text/plain' } }],
      ['modifyPassword', { path: { UserID: '1' }, body: { OldPassword: 'a', NewPassword: 'b' }, headers: { Accept: 'text/plain' } }],
      ['deleteUser', { path: { UserID: '1' }, headers: { Accept: 'text/plain' } }],
    ] as const;
    for (const [operationId, options] of withoutSession) {
      s.test(`${operationId} without a session`, [operationId], async () => {
        const r = await s.call(operationId, { ...options, headers: { Accept: 'application/json', ...('headers' in options ? options.headers : {}), Cookie: 'AtmoAuthToken_contract=not-a-session' } });
        s.observe(`${operationId} without a session`, `status ${r.status} (Akana's status page: 401)`);
      });
    }
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

    s.test('GET on a literal path beside /api/users/{UserID} is still a wrong verb', ['signupUser'], async () => {
      const r = await s.call('signupUser', { method: 'GET', headers: { Accept: 'application/json' } });
      s.observe('GET /api/users/signupUser', `status ${r.status}, Allow: ${r.headers.allow ?? '(none)'}`);
    });

    s.test('GET instead of POST', ['resendActivation'], async () => {
      const r = await s.call('resendActivation', { method: 'GET', headers: { Accept: '*/*' } });
      s.observe('GET', `status ${r.status}, Allow: ${r.headers.allow ?? '(none)'}`);
    });
  });


  s.tier('credentialed', 'calls with a test account’s session', () => {
    s.test('login, read the account’s own user, renew the session and end it; the ended session is refused', ['login', 'getUser', 'renewToken', 'endSession'], async () => {
      const me = await session(s.credentials.EMAIL, s.credentials.PASSWORD);
      const user = await s.call('getUser', { path: { UserID: me.userID }, headers: me.cookie });
      s.expectStatus(user, 200);
      s.expectStatus(await s.call('renewToken', { headers: me.headers, contentType: 'application/x-www-form-urlencoded', rawBody: '' }), 200);
      s.expectStatus(await s.call('endSession', { headers: me.cookie }), 200);
      const after = await s.call('getUser', { path: { UserID: me.userID }, headers: me.cookie });
      s.observe('getUser after endsession', `status ${after.status}`);
      s.expectStatus(after, 401);
    });

    s.test('the deprecated logout ends the session', ['login', 'logout', 'renewToken'], async () => {
      const me = await session(s.credentials.EMAIL, s.credentials.PASSWORD);
      s.expectStatus(await s.call('logout', { headers: me.headers, contentType: 'application/x-www-form-urlencoded', rawBody: '' }), 200);
      s.expectStatus(await s.call('renewToken', { headers: me.headers, contentType: 'application/x-www-form-urlencoded', rawBody: '' }), 401);
    });

    s.test('renewToken without the CSRF header', ['login', 'renewToken'], async () => {
      const me = await session(s.credentials.EMAIL, s.credentials.PASSWORD);
      const r = await s.call('renewToken', { headers: me.cookie, contentType: 'application/x-www-form-urlencoded', rawBody: '' });
      s.observe('renewToken without X-Csrf-Token', `status ${r.status} (Akana's status page: 401)`);
    });

    s.test('modifyPassword with a wrong old password changes nothing', ['login', 'modifyPassword'], async () => {
      const me = await session(s.credentials.EMAIL, s.credentials.PASSWORD);
      await s.call('modifyPassword', { path: { UserID: me.userID }, headers: asText(me.headers), body: { OldPassword: `wrong-${s.unique}`, NewPassword: 'contract-password-2' } });
    });

    s.test(
      'modifyPassword changes the password and changes it back',
      { calls: ['login', 'modifyPassword'], changes: 'the test account’s password (set back at the end)' },
      async () => {
        const { EMAIL: email, PASSWORD: password } = s.credentials;
        const temporary = `contract-${s.unique}`;
        const me = await session(email, password);
        s.expectStatus(await s.call('modifyPassword', { path: { UserID: me.userID }, headers: asText(me.headers), body: { OldPassword: password, NewPassword: temporary } }), 200);
        const again = await session(email, temporary);
        s.expectStatus(await s.call('modifyPassword', { path: { UserID: again.userID }, headers: asText(again.headers), body: { OldPassword: temporary, NewPassword: password } }), 200);
      },
    );

    s.test(
      'modifyUser sets the account’s own name to what getUser reads',
      { calls: ['login', 'getUser', 'modifyUser'], changes: 'the test account’s FirstName and LastName (set to the values they had)' },
      async () => {
        const me = await session(s.credentials.EMAIL, s.credentials.PASSWORD);
        const user = await s.call('getUser', { path: { UserID: me.userID }, headers: me.cookie });
        const names = { FirstName: s.field(user, 'FirstName'), LastName: s.field(user, 'LastName') };
        s.expectStatus(await s.call('modifyUser', { path: { UserID: me.userID }, headers: asText(me.headers), body: names }), 200);
      },
    );
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

    s.test('a second sign-up with a registered address is an error', ['signupUser'], async () => {
      const email = `dup-${s.unique}@akana.example`;
      await s.admin.post('/users', { vendor: 'akana', email, password: 'dup-password-1', status: 'active' });
      const r = await s.call('signupUser', jsonOf({ EmailAddress: email }));
      s.observe('signupUser for a registered address', `status ${r.status}`);
      s.expectStatus(r, 400);
      s.expect(((await mailbox(email)) ?? []).length === 0, `a mail went to ${email}, which is registered`);
    });

    s.test('password reset with the parameters in the query string', ['sendPasswordResetCode', 'validatePasswordResetCode'], async () => {
      const email = `query-${s.unique}@akana.example`;
      await s.admin.post('/users', { vendor: 'akana', email, password: 'query-password-1', status: 'active' });
      const empty = { contentType: 'application/x-www-form-urlencoded', rawBody: '', headers: { Accept: 'application/json' } };
      s.expectStatus(await s.call('sendPasswordResetCode', { ...empty, query: { emailAddress: email } }), 200);
      const code = await mailCode(email, 'password-reset');
      s.expectStatus(await s.call('validatePasswordResetCode', { ...empty, query: { passwordResetCode: code, emailAddress: email } }), 200);
    });

    s.test(
      'a user reads and changes their own user and password through the UserID the admin API lists, and may not touch another',
      ['login', 'getUser', 'modifyUser', 'modifyPassword', 'deleteUser', 'endSession'],
      async () => {
        const email = `self-${s.unique}@akana.example`;
        const other = `other-${s.unique}@akana.example`;
        await s.admin.post('/users', { vendor: 'akana', email, password: 'self-password-1', status: 'active' });
        await s.admin.post('/users', { vendor: 'akana', email: other, password: 'other-password-1', status: 'active' });
        const listed = (await s.admin.get(`/users?vendor=akana&email=${encodeURIComponent(email)}`)).body as { users?: { id?: number }[] };
        const otherListed = (await s.admin.get(`/users?vendor=akana&email=${encodeURIComponent(other)}`)).body as { users?: { id?: number }[] };
        const id = String(listed.users?.[0]?.id);
        const otherId = String(otherListed.users?.[0]?.id);
        const me = await session(email, 'self-password-1');
        s.expect(me.userID === id, `login's userID ${me.userID} is not the admin id ${id}`);
        s.expectJson(await s.call('getUser', { path: { UserID: id }, headers: me.cookie }), { UserID: id, Email: email });
        s.expectStatus(await s.call('modifyUser', { path: { UserID: id }, headers: asText(me.headers), body: { FirstName: 'Self', LastName: 'Changed' } }), 200);
        s.expectJson(await s.call('getUser', { path: { UserID: id }, headers: me.cookie }), { FirstName: 'Self', LastName: 'Changed' });
        s.expectStatus(await s.call('modifyPassword', { path: { UserID: id }, headers: asText(me.headers), body: { OldPassword: 'self-password-1', NewPassword: 'self-password-2' } }), 200);
        s.expectStatus(await s.call('login', jsonOf({ email, password: 'self-password-2' })), 200);
        for (const [operationId, options] of [
          ['getUser', { headers: me.cookie }],
          ['modifyUser', { headers: asText(me.headers), body: { FirstName: 'Hijacked' } }],
          ['modifyPassword', { headers: asText(me.headers), body: { NewPassword: 'hijacked-1' } }],
          ['deleteUser', { headers: asText(me.headers) }],
        ] as const) {
          s.expectStatus(await s.call(operationId, { ...options, path: { UserID: otherId } }), 403);
        }
        s.expectStatus(await s.call('endSession', { headers: me.cookie }), 200);
      },
    );

    s.test('the seeded invitation signs its user up and logs them in', ['signupUserWithInvitationCode', 'login'], async () => {
      const box = (await s.admin.get('/mailbox?vendor=akana&kind=invitation')).body as { messages?: { to?: string; code?: string }[] } | undefined;
      const invitation = box?.messages?.[0];
      s.expect(typeof invitation?.code === 'string' && typeof invitation.to === 'string', 'no invitation mail in the mailbox (the fixture account "invited" has one)');
      const r = await s.call('signupUserWithInvitationCode', { ...jsonOf({ EmailAddress: invitation!.to, Password: 'invited-password-1' }), path: { InvitationCode: invitation!.code! } });
      s.expectStatus(r, 200);
      s.expect(Object.keys(cookies(r.headers['set-cookie'])).some((n) => n.startsWith('AtmoAuthToken')), 'the invitation sign-up set no AtmoAuthToken cookie');
      s.expectStatus(await s.call('login', jsonOf({ email: invitation!.to, password: 'invited-password-1' })), 200);
    });

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
