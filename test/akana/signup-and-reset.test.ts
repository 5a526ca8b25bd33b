import { createHarness, fixture, lastMail, type Harness } from '../support/harness';

const active = fixture('akana', 'active');
const pending = fixture('akana', 'pending activation');
const suspended = fixture('akana', 'suspended');
const midSignup = fixture('akana', 'mid sign-up');

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => expect(h.violations()).toEqual([]));

const json = (path: string, body: object) => h.request.post(path).set('Accept', 'application/json').send(body);
const form = (path: string, body: Record<string, string>) => h.request.post(path).set('Accept', 'application/json').type('form').send(body);
const login = (email: string, password: string) => json('/api/login', { email, password });
const cookies = (res: { headers: Record<string, unknown> }) => res.headers['set-cookie'] as string[];

describe('POST /api/login', () => {
  test('sets the session cookie (HttpOnly, 30 minutes) and the CSRF cookie', async () => {
    const res = await login(active.email, active.password!).expect(200);
    expect(res.body).toEqual({ loginStatus: 'Complete', userName: active.email, userID: String(h.runtime.users.byEmail('akana', active.email)!.id) });
    const [session, csrf] = cookies(res);
    expect(session).toMatch(/^AtmoAuthToken_authmock=[\w-]+\.[\w-]+\.[\w-]+; Max-Age=1800; Path=\/; Expires=.*; HttpOnly; SameSite=Lax$/);
    expect(csrf).toMatch(/^Csrf-Token_authmock=[0-9a-f]{32}; Max-Age=1800; Path=\/; Expires=/);
    expect(csrf).not.toContain('HttpOnly');
  });

  test.each([
    ['a wrong password', active.email, 'wrong-password'],
    ['an unknown address', 'nobody@akana.example', 'whatever'],
    ['a pending sign-up', pending.email, pending.password!],
    ['a suspended user', suspended.email, suspended.password!],
  ])('%s answers 401 and sets no cookie', async (_label, email, password) => {
    const res = await login(email, password).expect(401);
    expect(res.body).toEqual({ code: 401, message: 'The e-mail address or password is not correct' });
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  test.each([
    ['a form instead of JSON', () => h.request.post('/api/login').type('form').send({ email: active.email, password: active.password! })],
    ['an Accept header Akana does not serve', () => h.request.post('/api/login').set('Accept', 'text/html').send({ email: active.email, password: active.password })],
  ])('%s answers 404, as Akana’s status page says', async (_label, call) => {
    expect((await call().expect(404)).body.code).toBe(404);
  });
});

describe('sign-up', () => {
  test('signupUser mails a sign-up code to a new address and answers 200 with no body', async () => {
    const res = await json('/api/users/signupUser', { FirstName: 'Jane', LastName: 'Mead', EmailAddress: 'jane.mead@akana.example' }).expect(200);
    expect(res.text).toBe('');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(lastMail(h, 'jane.mead@akana.example')).toMatchObject({ vendor: 'akana', kind: 'activation', subject: 'Your sign-up code' });
  });

  test('signupUser for a sign-up in progress answers 200 and mails a new code', async () => {
    const before = h.runtime.mailbox.list({ to: midSignup.email }).length;
    await json('/api/users/signupUser', { EmailAddress: midSignup.email }).expect(200);
    expect(h.runtime.mailbox.list({ to: midSignup.email }).length - before).toBe(1);
  });

  test.each([
    ['an active account', active.email],
    ['a suspended account', suspended.email],
    ['an active account, in other letter case', active.email.toUpperCase()],
  ])('signupUser for %s answers 400 by default and mails nothing', async (_label, email) => {
    const before = h.runtime.mailbox.list({ to: active.email }).length + h.runtime.mailbox.list({ to: suspended.email }).length;
    const res = await json('/api/users/signupUser', { EmailAddress: email }).expect(400);
    expect(res.body).toEqual({ code: 400, message: 'A user with this e-mail address is already registered' });
    expect(h.runtime.mailbox.list({ to: active.email }).length + h.runtime.mailbox.list({ to: suspended.email }).length).toBe(before);
  });

  test('with protectSignupEnumeration, signupUser answers a registered address as any other, without mail', async () => {
    h = await createHarness({ config: { apis: { akana: { protectSignupEnumeration: true } } } });
    const answers = [];
    for (const email of [active.email, suspended.email, 'brand.new@akana.example']) {
      const res = await json('/api/users/signupUser', { EmailAddress: email }).expect(200);
      answers.push([res.status, res.text, res.headers['cache-control']]);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(h.runtime.mailbox.list({ to: active.email })).toHaveLength(0);
    expect(h.runtime.mailbox.list({ to: 'brand.new@akana.example' })).toHaveLength(1);
  });

  test('verifySignup describes the sign-up of the fixture in mid sign-up', async () => {
    const res = await form('/api/users/verifySignup', { signupCode: midSignup.activationCode! }).expect(200);
    expect(res.body).toEqual({ EmailAddress: midSignup.email, FirstName: midSignup.name.split(' ')[0], LastName: midSignup.name.split(' ')[1], SignupStatus: 'Pending' });
  });

  test('verifySignup with a wrong code answers 400', async () => {
    expect((await form('/api/users/verifySignup', { signupCode: 'wrong' }).expect(400)).body).toEqual({ code: 400, message: 'The code is not valid or has expired' });
  });

  test('an expired code answers 400 and triggers a new e-mail, as if signupUser had been called', async () => {
    h.clock.advance(25 * 3600_000);
    const before = h.runtime.mailbox.list({ to: midSignup.email }).length;
    await form('/api/users/verifySignup', { signupCode: midSignup.activationCode! }).expect(400);
    expect(h.runtime.mailbox.list({ to: midSignup.email })).toHaveLength(before + 1);
    await form('/api/users/verifySignup', { signupCode: lastMail(h, midSignup.email).code }).expect(200);
  });

  test('completeSignup with another address than the code’s answers 400', async () => {
    await json('/api/users/completeSignup', { EmailAddress: active.email, Password: 'chosen-password', SignupCode: midSignup.activationCode }).expect(400);
    expect(h.runtime.users.byEmail('akana', midSignup.email)!.status).toBe('pending');
  });

  test('whole flow: sign-up, mail, verification, completion (logged in), login, reset, login with the new password', async () => {
    const email = 'flow.user@akana.example';
    await json('/api/users/signupUser', { FirstName: 'Flow', LastName: 'User', EmailAddress: email }).expect(200);
    const signupCode = lastMail(h, email).code;
    await form('/api/users/verifySignup', { signupCode }).expect(200);
    const completed = await json('/api/users/completeSignup', { FirstName: 'Flow', LastName: 'User', EmailAddress: email, Password: 'flow-password-1', SignupCode: signupCode }).expect(200);
    expect(cookies(completed)[0]).toMatch(/^AtmoAuthToken_authmock=/);
    await login(email, 'flow-password-1').expect(200);
    // The code is used up, and the address is registered now.
    await json('/api/users/completeSignup', { EmailAddress: email, Password: 'other-password', SignupCode: signupCode }).expect(400);
    await json('/api/users/signupUser', { EmailAddress: email }).expect(400);

    await form('/api/passwordmanagement/sendPasswordResetCode', { emailAddress: email }).expect(200);
    const passwordResetCode = lastMail(h, email).code;
    await form('/api/passwordmanagement/validatePasswordResetCode', { emailAddress: email, passwordResetCode }).expect(200);
    const reset = await json('/api/login/authenticateWithPasswordResetCode', { email, passwordResetCode, password: 'flow-password-2' }).expect(200);
    expect(reset.body).toEqual({ loginStatus: 'Complete', userName: email, userID: String(h.runtime.users.byEmail('akana', email)!.id) });
    await login(email, 'flow-password-1').expect(401);
    await login(email, 'flow-password-2').expect(200);
  });
});

describe('password reset', () => {
  test.each([
    ['a known address', active.email, 1],
    ['an unknown address', 'nobody@akana.example', 0],
  ])('sendPasswordResetCode for %s answers 200 with no body and mails %i code(s)', async (_label, email, mails) => {
    const res = await form('/api/passwordmanagement/sendPasswordResetCode', { emailAddress: email }).expect(200);
    expect(res.text).toBe('');
    expect(h.runtime.mailbox.list({ to: email, kind: 'password-reset' })).toHaveLength(mails);
  });

  test('a wrong reset code is refused by validation and by the reset, and the password stays', async () => {
    await form('/api/passwordmanagement/sendPasswordResetCode', { emailAddress: active.email }).expect(200);
    await form('/api/passwordmanagement/validatePasswordResetCode', { emailAddress: active.email, passwordResetCode: 'wrong' }).expect(400);
    await json('/api/login/authenticateWithPasswordResetCode', { email: active.email, passwordResetCode: 'wrong', password: 'new-password' }).expect(400);
    await login(active.email, active.password!).expect(200);
  });

  test('a missing form field answers 400 naming it', async () => {
    expect((await form('/api/passwordmanagement/validatePasswordResetCode', { emailAddress: active.email }).expect(400)).body).toEqual({ code: 400, message: 'passwordResetCode is required' });
  });
});

describe('documented statuses of the new operations', () => {
  const OPS: [string, 'json' | 'form', Record<string, string>][] = [
    ['/api/login', 'json', { email: active.email }],
    ['/api/users/signupUser', 'json', { EmailAddress: 'not-an-address' }],
    ['/api/users/verifySignup', 'form', {}],
    ['/api/users/completeSignup', 'json', { EmailAddress: 'a@akana.example' }],
    ['/api/passwordmanagement/sendPasswordResetCode', 'form', { emailAddress: 'not-an-address' }],
    ['/api/passwordmanagement/validatePasswordResetCode', 'form', { passwordResetCode: 'c' }],
    ['/api/login/authenticateWithPasswordResetCode', 'json', { email: active.email }],
  ];

  test.each(OPS)('%s answers 400 for a body that breaks the schema', async (path, type, body) => {
    const res = await (type === 'json' ? json(path, body) : form(path, body)).expect(400);
    expect(res.body).toEqual({ code: 400, message: expect.any(String) });
  });

  test.each(OPS)('%s answers 404 for the other content type', async (path, type, body) => {
    const req = h.request.post(path).set('Accept', 'application/json');
    await (type === 'json' ? req.type('form').send(body) : req.send(body)).expect(404);
  });

  test.each(OPS)('%s answers 405 with Allow: POST for GET', async (path) => {
    const res = await h.request.get(path).expect(405);
    expect(res.headers.allow).toBe('POST');
  });

  test.each(OPS)('%s answers 413 for a body over 100 kB', async (path, type) => {
    const big = { filler: 'x'.repeat(101 * 1024) };
    await (type === 'json' ? json(path, big) : form(path, big)).expect(413);
  });
});

describe('reset parameters in the query string', () => {
  const send = (query: Record<string, string>, body?: Record<string, string>) => {
    const req = h.request.post('/api/passwordmanagement/sendPasswordResetCode').query(query).set('Accept', 'application/json').type('form');
    return body ? req.send(body) : req.send('');
  };
  const validate = (query: Record<string, string>, body?: Record<string, string>) => {
    const req = h.request.post('/api/passwordmanagement/validatePasswordResetCode').query(query).set('Accept', 'application/json').type('form');
    return body ? req.send(body) : req.send('');
  };
  const resetMails = (to: string) => h.runtime.mailbox.list({ to, kind: 'password-reset' });

  test('sendPasswordResetCode takes emailAddress from the query string, as Akana’s worked example sends it', async () => {
    const res = await send({ emailAddress: active.email }).expect(200);
    expect(res.text).toBe('');
    expect(resetMails(active.email)).toHaveLength(1);
  });

  test('the form body’s emailAddress wins over the query string’s', async () => {
    await send({ emailAddress: 'nobody@akana.example' }, { emailAddress: active.email }).expect(200);
    expect(resetMails(active.email)).toHaveLength(1);
  });

  test.each([
    ['both fields in the query string (the worked example)', (code: string) => validate({ passwordResetCode: code, emailAddress: active.email })],
    ['the code in the query string and the address in the form (the operation page)', (code: string) => validate({ passwordResetCode: code }, { emailAddress: active.email })],
    ['both in the form', (code: string) => validate({}, { passwordResetCode: code, emailAddress: active.email })],
  ])('validatePasswordResetCode accepts %s', async (_label, call) => {
    await send({ emailAddress: active.email }).expect(200);
    await call(lastMail(h, active.email).code).expect(200);
  });

  test('a wrong code in the form wins over the right one in the query string', async () => {
    await send({ emailAddress: active.email }).expect(200);
    await validate({ passwordResetCode: lastMail(h, active.email).code, emailAddress: active.email }, { passwordResetCode: 'wrong' }).expect(400);
  });

  test.each([
    ['sendPasswordResetCode without emailAddress anywhere', () => send({}), 'emailAddress is required'],
    ['sendPasswordResetCode with a malformed address in the query string', () => send({ emailAddress: 'not-an-address' }), 'emailAddress must be a valid email'],
    ['validatePasswordResetCode without the code', () => validate({ emailAddress: active.email }), 'passwordResetCode is required'],
    ['validatePasswordResetCode without the address', () => validate({ passwordResetCode: 'c' }), 'emailAddress is required'],
  ])('%s answers 400 naming the field', async (_label, call, message) => {
    expect((await call().expect(400)).body).toEqual({ code: 400, message: expect.stringContaining(message) });
  });
});

describe('sign-up with an invitation code', () => {
  const invited = fixture('akana', 'invited');
  const accept = (code: string, body: object) => json(`/api/users/signupUser/${encodeURIComponent(code)}`, body);

  test('the seeded invitation is in the mailbox, and its user cannot log in yet', async () => {
    expect(lastMail(h, invited.email)).toMatchObject({ vendor: 'akana', kind: 'invitation', code: invited.invitationCode, subject: 'You are invited' });
    await login(invited.email, 'any-password').expect(401);
  });

  test('signupUser/{InvitationCode} registers the user with the password chosen and sets the login cookies', async () => {
    const res = await accept(invited.invitationCode!, { FirstName: 'Dee', LastName: 'Gleason', EmailAddress: invited.email, Password: 'invited-password-1' }).expect(200);
    expect(res.body).toEqual({ loginStatus: 'Complete', userName: invited.email, userID: String(h.runtime.users.byEmail('akana', invited.email)!.id) });
    expect(cookies(res).map((c) => c.split('=')[0])).toEqual(['AtmoAuthToken_authmock', 'Csrf-Token_authmock']);
    expect(h.runtime.users.byEmail('akana', invited.email)).toMatchObject({ status: 'active', name: 'Dee Gleason' });
    await login(invited.email, 'invited-password-1').expect(200);
    // The code is used up, and the address is registered now.
    await accept(invited.invitationCode!, { EmailAddress: invited.email, Password: 'again-1' }).expect(400);
    await json('/api/users/signupUser', { EmailAddress: invited.email }).expect(400);
  });

  test.each([
    ['a wrong code', () => accept('wrong-code', { EmailAddress: invited.email, Password: 'p-1' })],
    ['another address than the invitation’s', () => accept(invited.invitationCode!, { EmailAddress: active.email, Password: 'p-1' })],
    ['no Password', () => accept(invited.invitationCode!, { EmailAddress: invited.email })],
    ['a sign-up code instead of an invitation code', () => accept(midSignup.activationCode!, { EmailAddress: midSignup.email, Password: 'p-1' })],
  ])('%s answers 400, sets no cookie and registers nobody', async (_label, call) => {
    const res = await call().expect(400);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(h.runtime.users.byEmail('akana', invited.email)!.status).toBe('pending');
    expect(h.runtime.users.byEmail('akana', midSignup.email)!.status).toBe('pending');
  });

  test('an invitation expires after invitationCodeTtlMs (7 days by default)', async () => {
    h.clock.advance(7 * 24 * 3600_000 + 1000);
    await accept(invited.invitationCode!, { EmailAddress: invited.email, Password: 'p-1' }).expect(400);
  });

  test('the journal keeps the invitation path without its code, and the reset path without its query', async () => {
    await accept(invited.invitationCode!, { EmailAddress: invited.email, Password: 'invited-password-1' }).expect(200);
    await h.request.post(`/api/passwordmanagement/validatePasswordResetCode?passwordResetCode=secret-${invited.invitationCode}&emailAddress=x%40akana.example`).type('form').send('').expect(400);
    const journal = await h.request.get('/__admin/requests').expect(200);
    const text = JSON.stringify(journal.body);
    expect(text).toContain('/api/users/signupUser/[redacted]');
    expect(text).not.toContain(invited.invitationCode!);
  });

  test('GET on the invitation path answers 405 with Allow: POST', async () => {
    expect((await h.request.get(`/api/users/signupUser/${invited.invitationCode!}`).expect(405)).headers.allow).toBe('POST');
  });
});
