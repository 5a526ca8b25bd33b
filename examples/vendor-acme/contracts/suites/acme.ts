import { defineSuite } from '../runner/define';

// The credentialed tier runs when the credentials contracts/vendors/acme.ts names are set.
export default defineSuite('acme', (s) => {
  const json = (body: unknown) => ({ body });
  const nobody = () => `contract-${s.unique}@example.invalid`;

  async function token(email: string, password: string): Promise<string> {
    const r = await s.call('login', json({ email, password }));
    s.expectStatus(r, 200);
    return s.field(r, 'access_token');
  }

  s.tier('public', 'every operation, changing no account', () => {
    s.test('login with an unknown address', ['login'], async () => {
      s.expectStatus(await s.call('login', json({ email: nobody(), password: 'not-a-password' })), 401);
    });

    s.test('activate with a wrong code', ['activate'], async () => {
      await s.call('activate', json({ email: nobody(), code: 'wrong' }));
    });

    s.test('getMe without a token', ['getMe'], async () => {
      s.expectStatus(await s.call('getMe'), 401);
    });
  });

  s.tier('credentialed', 'calls with a test account', () => {
    s.test('login, then read the account with the token', ['login', 'getMe'], async () => {
      const access = await token(s.credentials.USERNAME, s.credentials.PASSWORD);
      const me = await s.call('getMe', { headers: { Authorization: `Bearer ${access}` } });
      s.expectJson(me, { email: s.credentials.USERNAME, status: 'active' });
    });
  });

  s.tier('flow', 'sign-up to login through the admin API', () => {
    const mailCode = async (email: string, kind: string): Promise<string> => {
      const box = (await s.admin.get(`/mailbox?to=${encodeURIComponent(email)}&vendor=acme&kind=${kind}`)).body as { messages?: { code: string }[] };
      const code = box?.messages?.[0]?.code;
      s.expect(typeof code === 'string', `no ${kind} mail to ${email} in the mailbox`);
      return code as string;
    };

    s.test('a new account is pending, activates with the mailed code and logs in', ['signUp', 'login', 'activate'], async () => {
      const email = `flow-${s.unique}@acme.example`;
      s.expectStatus(await s.call('signUp', json({ email, password: 'flow-password-1', name: 'Flow' })), 201);
      // A pending account may not log in yet.
      s.expectStatus(await s.call('login', json({ email, password: 'flow-password-1' })), 401);
      s.expectStatus(await s.call('signUp', json({ email, password: 'flow-password-1' })), 409);
      const activated = await s.call('activate', json({ email, code: await mailCode(email, 'activation') }));
      s.expectJson(activated, { status: 'active' });
      await token(email, 'flow-password-1');
    });

    s.test('an account the admin API creates logs in at once', ['login'], async () => {
      const email = `admin-${s.unique}@acme.example`;
      const created = await s.admin.post('/users', { vendor: 'acme', email, password: 'admin-password-1' });
      s.expect(created.status === 201, `the admin API did not create the account (status ${created.status})`);
      await token(email, 'admin-password-1');
    });
  });

  s.tier('robustness', 'bad input gets the vendor’s envelope', () => {
    // Bodies are made when the test runs, so the address carries this run's suffix.
    const badSignUps: [string, () => Record<string, unknown>][] = [
      ['a malformed address', () => ({ email: 'not-an-address', password: 'long-enough-1' })],
      ['a short password', () => ({ email: nobody(), password: 'short' })],
      ['an unknown field', () => ({ email: nobody(), password: 'long-enough-1', admin: true })],
    ];
    for (const [label, body] of badSignUps) {
      s.test(`signUp with ${label}`, ['signUp'], async () => {
        s.expectStatus(await s.call('signUp', json(body())), 400);
      });
    }

    s.test('GET instead of POST', ['login'], async () => {
      s.expectStatus(await s.call('login', { method: 'GET' }), 405);
    });

    s.test('a form instead of JSON', ['login'], async () => {
      s.expectStatus(await s.call('login', { body: { email: nobody(), password: 'x' }, contentType: 'application/x-www-form-urlencoded' }), 415);
    });
  });
});
