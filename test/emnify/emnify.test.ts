import { sha1Hex } from '../../mock-server/apis/emnify/accounts';
import { createHarness, fixture, lastMail, type Harness, type HarnessOptions } from '../support/harness';

const active = fixture('emnify', 'active');
const pending = fixture('emnify', 'pending activation');
const suspended = fixture('emnify', 'suspended');

let h: Harness;
async function setup(options: HarnessOptions = {}): Promise<void> {
  h = await createHarness(options);
}
beforeEach(() => setup());
afterEach(() => expect(h.violations()).toEqual([]));

const authenticate = (username: string, password: string) => h.request.post('/api/v1/authenticate').send({ username, password: sha1Hex(password) });
async function authToken(username = active.username!, password = active.password!): Promise<string> {
  const res = await authenticate(username, password).expect(200);
  return res.body.auth_token as string;
}
const changePassword = (token: string, old_password: string, new_password: string) =>
  h.request.patch('/api/v1/user/password').set('Authorization', `Bearer ${token}`).send({ old_password, new_password });
const resend = (username: string, recaptcha = 'a-valid-token') => h.request.post('/api/v1/user/activation_resend').send({ username, 'g-recaptcha-response': recaptcha });

describe('authenticate', () => {
  test('the SHA-1 digest of the password returns an auth_token and a refresh_token', async () => {
    const res = await authenticate(active.username!, active.password!).expect(200);
    expect(res.body).toEqual({ auth_token: expect.any(String), refresh_token: expect.any(String) });
  });

  test('an upper-case hex digest is accepted as well', async () => {
    await h.request.post('/api/v1/authenticate').send({ username: active.username, password: sha1Hex(active.password!).toUpperCase() }).expect(200);
  });

  test('a refresh_token returns a new auth_token that works', async () => {
    const { refresh_token } = (await authenticate(active.username!, active.password!)).body as { refresh_token: string };
    const res = await h.request.post('/api/v1/authenticate').send({ refresh_token }).expect(200);
    expect(res.body).toEqual({ auth_token: expect.any(String) });
    await changePassword(res.body.auth_token, active.password!, 'a-new-password-1').expect(204);
  });

  test('an auth_token is not a refresh_token', async () => {
    const token = await authToken();
    const res = await h.request.post('/api/v1/authenticate').send({ refresh_token: token }).expect(401);
    expect(res.body).toMatchObject({ error_code: 1102, error_token: 'InvalidToken' });
  });

  test.each([
    ['a wrong password', active.username!, 'wrong-password'],
    ['an unknown user', 'nobody@emnify.example', 'whatever'],
    ['a pending user', pending.username!, pending.password!],
    ['a suspended user', suspended.username!, suspended.password!],
  ])('%s gets 401 with an empty body', async (_label, username, password) => {
    const res = await authenticate(username, password).expect(401);
    expect(res.text).toBe('');
  });

  test('the plain password instead of its digest fails like the vendor (401, empty) and the console says why without the password', async () => {
    const res = await h.request.post('/api/v1/authenticate').send({ username: active.username, password: active.password }).expect(401);
    expect(res.text).toBe('');
    expect(h.logged).toEqual([[expect.stringContaining('password is not a SHA-1 hex digest')]]);
    expect(JSON.stringify(h.logged)).not.toContain(active.password);
  });

  test('a digest that is merely wrong logs no hint', async () => {
    await authenticate(active.username!, 'wrong-password').expect(401);
    expect(h.logged).toEqual([]);
  });

  test.each([[{}], [{ username: 'x' }], [[1, 2]]])('a malformed body %j answers 400', async (body) => {
    const res = await h.request.post('/api/v1/authenticate').send(body).expect(400);
    expect(res.body.error_code).toBe(1400);
  });

  test('three consecutive failures lock the account for five minutes, then it opens again', async () => {
    for (let i = 0; i < 3; i++) expect((await authenticate(active.username!, 'wrong').expect(401)).text).toBe('');
    const locked = await authenticate(active.username!, active.password!).expect(401);
    expect(locked.body).toEqual({ error_code: 1105, error_token: 'TooManyRequests', message: expect.stringContaining('locked') });
    h.clock.advance(5 * 60_000 - 1);
    await authenticate(active.username!, active.password!).expect(401);
    h.clock.advance(1);
    await authenticate(active.username!, active.password!).expect(200);
  });

  test('a success resets the failure count', async () => {
    await authenticate(active.username!, 'wrong').expect(401);
    await authenticate(active.username!, 'wrong').expect(401);
    await authenticate(active.username!, active.password!).expect(200);
    await authenticate(active.username!, 'wrong').expect(401);
    await authenticate(active.username!, active.password!).expect(200);
  });
});

describe('user_activation_post', () => {
  test('the key from the activation mail activates the user with that password: 204', async () => {
    const res = await h.request.post('/api/v1/user/activation').send({ activationKey: pending.activationCode, password: 'chosen-password' }).expect(204);
    expect(res.text).toBe('');
    await authenticate(pending.username!, 'chosen-password').expect(200);
    await authenticate(pending.username!, pending.password!).expect(401);
  });

  test('it ignores auth tokens, as a public service', async () => {
    await h.request.post('/api/v1/user/activation').set('Authorization', 'Bearer garbage').send({ activationKey: pending.activationCode, password: 'chosen-password' }).expect(204);
  });

  test.each([
    ['an unknown key', async () => 'ffffffffffffffffffffffffffffffff'],
    ['an expired key', async () => {
      h.clock.advance(7 * 24 * 3600_000);
      return pending.activationCode!;
    }],
    ['a used key', async () => {
      await h.request.post('/api/v1/user/activation').send({ activationKey: pending.activationCode, password: 'chosen-password' }).expect(204);
      return pending.activationCode!;
    }],
  ])('%s answers 400', async (_label, key) => {
    const res = await h.request.post('/api/v1/user/activation').send({ activationKey: await key(), password: 'another-password' }).expect(400);
    expect(res.body).toEqual({ error_code: 1400, error_token: 'InputValidationFailed', message: 'Activation key is invalid or expired' });
  });

  test('any password is taken, since EMnify states no rule for it', async () => {
    await h.request.post('/api/v1/user/activation').send({ activationKey: pending.activationCode, password: 'short' }).expect(204);
    await authenticate(pending.username!, 'short').expect(200);
  });

  test('a body that uses the seed’s activation_token name is refused: 400 naming activationKey', async () => {
    const res = await h.request.post('/api/v1/user/activation').send({ activation_token: pending.activationCode, password: 'chosen-password' }).expect(400);
    expect(res.body.errors).toEqual([{ error_code: 1402, error_token: 'Required', message: 'activationKey is required (activation_token is not accepted)' }]);
    expect(h.runtime.users.byEmail('emnify', pending.email)!.status).toBe('pending');
  });
});

describe('user_activation_resend_post', () => {
  test('a pending user gets a new activation mail and the previous key is voided', async () => {
    await resend(pending.username!).expect(204);
    const mail = lastMail(h, pending.email);
    expect(mail).toMatchObject({ vendor: 'emnify', kind: 'activation' });
    expect(mail.code).not.toBe(pending.activationCode);
    await h.request.post('/api/v1/user/activation').send({ activationKey: pending.activationCode, password: 'chosen-password' }).expect(400);
    await h.request.post('/api/v1/user/activation').send({ activationKey: mail.code, password: 'chosen-password' }).expect(204);
  });

  test.each([
    ['an unknown username', 'nobody@emnify.example'],
    ['an already active user', active.username!],
  ])('%s gets 204 and no mail, so accounts cannot be discovered', async (_label, username) => {
    const before = h.runtime.mailbox.list().length;
    await resend(username).expect(204);
    expect(h.runtime.mailbox.list()).toHaveLength(before);
  });

  test.each([
    ['the documented failing test token', 'recaptcha-fail'],
    ['an empty token', ''],
  ])('%s gets 422 naming g-recaptcha-response', async (_label, token) => {
    const res = await resend(pending.username!, token).expect(422);
    expect(res.body.errors[0].message).toContain('g-recaptcha-response');
  });

  test('a missing g-recaptcha-response answers 422 naming it, as EMnify files validation errors', async () => {
    const res = await h.request.post('/api/v1/user/activation_resend').send({ username: pending.username }).expect(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ error_code: 1402, message: 'g-recaptcha-response is required' })]);
  });

  test('the per-user limit answers 429 TooManyRequests until the clock moves past it', async () => {
    await resend(pending.username!).expect(204);
    const res = await resend(pending.username!).expect(429);
    expect(res.body).toMatchObject({ error_code: 1105, error_token: 'TooManyRequests' });
    expect(res.headers['retry-after']).toBe('60');
    await h.request.post('/__admin/clock').send({ advanceMs: 60_000 }).expect(200);
    await resend(pending.username!).expect(204);
  });

  test('the limit is configurable', async () => {
    await setup({ config: { apis: { emnify: { activationResend: { limit: 3, windowMs: 1000 } } } } });
    for (let i = 0; i < 3; i++) await resend(pending.username!).expect(204);
    await resend(pending.username!).expect(429);
  });
});

describe('user_password_patch', () => {
  test('a wrong old password answers 422 with the vendor’s error body', async () => {
    const res = await changePassword(await authToken(), 'not-the-password', 'a-new-password-1').expect(422);
    expect(res.body).toEqual({
      error_code: 1002,
      error_token: 'Failed',
      message: 'Invalid old password',
      errors: [{ error_code: 1400, error_token: 'InputValidationFailed', message: `Wrong Password for User '${active.username}'` }],
    });
  });

  test('a body without new_password answers 422 with 1402 Required', async () => {
    const token = await authToken();
    const res = await h.request.patch('/api/v1/user/password').set('Authorization', `Bearer ${token}`).send({ old_password: active.password }).expect(422);
    expect(res.body).toMatchObject({ error_code: 1400, errors: [{ error_code: 1402, error_token: 'Required', message: 'new_password is required' }] });
    await authenticate(active.username!, active.password!).expect(200);
  });

  test.each([
    ['no Authorization header', undefined],
    ['a malformed token', 'Bearer not-a-jwt'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
  ])('%s answers 401 1102 InvalidToken', async (_label, header) => {
    const req = h.request.patch('/api/v1/user/password');
    if (header) req.set('Authorization', header);
    const res = await req.send({ old_password: 'a', new_password: 'b' }).expect(401);
    expect(res.body).toMatchObject({ error_code: 1102, error_token: 'InvalidToken' });
  });

  test('an expired token answers 401 1103 TokenExpired', async () => {
    const token = await authToken();
    h.clock.advance(3600_000 + 1000);
    const res = await changePassword(token, active.password!, 'a-new-password-1').expect(401);
    expect(res.body).toMatchObject({ error_code: 1103, error_token: 'TokenExpired' });
  });

  test('by default tokens issued before a change are revoked', async () => {
    const token = await authToken();
    await changePassword(token, active.password!, 'a-new-password-1').expect(204);
    const res = await changePassword(token, 'a-new-password-1', 'a-newer-password-2').expect(401);
    expect(res.body).toMatchObject({ error_code: 1102 });
    await changePassword(await authToken(active.username!, 'a-new-password-1'), 'a-new-password-1', 'a-newer-password-2').expect(204);
  });

  test('with revokeTokensOnPasswordChange off, the old token keeps working until it expires', async () => {
    await setup({ config: { apis: { emnify: { revokeTokensOnPasswordChange: false } } } });
    const token = await authToken();
    await changePassword(token, active.password!, 'a-new-password-1').expect(204);
    await changePassword(token, 'a-new-password-1', 'a-newer-password-2').expect(204);
  });
});

test('whole flow: admin creates a pending user → activation mail → activate → authenticate with the SHA-1 digest → change the password → the old one is refused', async () => {
  await h.request.post('/__admin/users').send({ vendor: 'emnify', email: 'flow@emnify.example', name: 'Flow User', status: 'pending' }).expect(201);
  const mail = await h.request.get('/__admin/mailbox').query({ to: 'flow@emnify.example', kind: 'activation' }).expect(200);
  const activationKey = mail.body.messages[0].code as string;
  expect(mail.body.messages[0].text).toContain(activationKey);
  await h.request.post('/api/v1/user/activation').send({ activationKey, password: 'first-password' }).expect(204);
  const token = await authToken('flow@emnify.example', 'first-password');
  await changePassword(token, 'first-password', 'second-password').expect(204);
  await authenticate('flow@emnify.example', 'first-password').expect(401);
  await authenticate('flow@emnify.example', 'second-password').expect(200);
  const users = await h.request.get('/__admin/users').query({ vendor: 'emnify', email: 'flow@emnify.example' }).expect(200);
  expect(users.body.users[0]).toMatchObject({ status: 'active', name: 'Flow User' });
});
