import { contractSuite } from '../jest/contract-suite';

// The credentialed tier runs when the credentials contracts/vendors/acme.ts names are set.
const suite = contractSuite('acme');
const json = (body: unknown) => ({ body });
const nobody = () => `contract-${suite.unique}@example.invalid`;

async function token(email: string, password: string): Promise<string> {
  const r = await suite.call('login', json({ email, password }));
  expect(r).toSatisfyContract();
  expect(r.status).toBe(200);
  return suite.field(r, 'access_token');
}

suite.tier('public', 'every operation, changing no account', () => {
  test('login with an unknown address', async () => {
    const r = await suite.call('login', json({ email: nobody(), password: 'not-a-password' }));
    expect(r).toSatisfyContract();
    expect(r.status).toBe(401);
  });

  test('activate with a wrong code', async () => {
    expect(await suite.call('activate', json({ email: nobody(), code: 'wrong' }))).toSatisfyContract();
  });

  test('getMe without a token', async () => {
    const r = await suite.call('getMe');
    expect(r).toSatisfyContract();
    expect(r.status).toBe(401);
  });
});

suite.tier('credentialed', 'calls with a test account', () => {
  test('login, then read the account with the token', async () => {
    const access = await token(suite.credentials.USERNAME, suite.credentials.PASSWORD);
    const me = await suite.call('getMe', { headers: { Authorization: `Bearer ${access}` } });
    expect(me).toSatisfyContract();
    expect(me.json).toMatchObject({ email: suite.credentials.USERNAME, status: 'active' });
  });
});

suite.tier('flow', 'sign-up to login through the admin API', () => {
  test('a new account is pending, activates with the mailed code and logs in', async () => {
    const email = `flow-${suite.unique}@acme.example`;
    const created = await suite.call('signUp', json({ email, password: 'flow-password-1', name: 'Flow' }));
    expect(created).toSatisfyContract();
    expect(created.status).toBe(201);
    const pending = await suite.call('login', json({ email, password: 'flow-password-1' }));
    expect(pending.status).toBe(401);
    const again = await suite.call('signUp', json({ email, password: 'flow-password-1' }));
    expect(again).toSatisfyContract();
    expect(again.status).toBe(409);
    const mail = (await suite.admin.get(`/mailbox?to=${encodeURIComponent(email)}&vendor=acme&kind=activation`)).body as { messages: { code: string }[] };
    const activated = await suite.call('activate', json({ email, code: mail.messages[0].code }));
    expect(activated).toSatisfyContract();
    expect(activated.json).toMatchObject({ status: 'active' });
    await token(email, 'flow-password-1');
  });

  test('an account the admin API creates logs in at once', async () => {
    const email = `admin-${suite.unique}@acme.example`;
    expect((await suite.admin.post('/users', { vendor: 'acme', email, password: 'admin-password-1' })).status).toBe(201);
    await token(email, 'admin-password-1');
  });
});

suite.tier('robustness', 'bad input gets the vendor’s envelope', () => {
  test.each([
    ['a malformed address', { email: 'not-an-address', password: 'long-enough-1' }],
    ['a short password', { email: nobody(), password: 'short' }],
    ['an unknown field', { email: nobody(), password: 'long-enough-1', admin: true }],
  ])('signUp with %s', async (_label, body) => {
    const r = await suite.call('signUp', json(body));
    expect(r).toSatisfyContract();
    expect(r.status).toBe(400);
  });

  test('GET instead of POST', async () => {
    const r = await suite.call('login', { method: 'GET' });
    expect(r).toSatisfyContract();
    expect(r.status).toBe(405);
  });

  test('a form instead of JSON', async () => {
    const r = await suite.call('login', { body: { email: nobody(), password: 'x' }, contentType: 'application/x-www-form-urlencoded' });
    expect(r).toSatisfyContract();
    expect(r.status).toBe(415);
  });
});
