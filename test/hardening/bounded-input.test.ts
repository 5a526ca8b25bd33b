import { MAIL_LIMITS, Mailbox } from '../../mock-server/domain/mailbox';
import { createHarness, type Harness } from '../support/harness';

// Every string a request stores has a maximum; over it the vendor's own envelope, and nothing stored.
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => expect(h.violations()).toEqual([]));

const long = (n: number) => 'x'.repeat(n);
const CASES: [string, string, string, Record<string, unknown>, string | undefined, number, unknown][] = [
  // label, method, path, body, content type, status, the vendor's envelope
  ['an Edge Impulse sign-up with a 95,000-character name', 'post', '/v1/api-user-create', { name: long(95_000), username: 'longname1', email: 'long1@edgeimpulse.example', password: 'password-1', privacyPolicy: true, turnstileResponse: 't' }, undefined, 400, { success: false, error: 'name must have at most 2048 characters' }],
  ['an Edge Impulse reset for a 2,049-character address', 'post', '/v1/api-user-request-reset-password', { email: long(2049) }, undefined, 400, { success: false, error: expect.stringContaining('at most 2048 characters') }],
  ['an EMnify resend for a 4,097-character username', 'post', '/api/v1/user/activation_resend', { username: long(4097), 'g-recaptcha-response': 't' }, undefined, 422, { error_code: expect.any(Number), error_token: expect.any(String) }],
  ['an Akana sign-up with a 65-character first name (Akana: at most 64)', 'post', '/api/users/signupUser', { FirstName: long(65), EmailAddress: 'long@example.com' }, undefined, 400, { code: 400, message: 'FirstName must have at most 64 characters' }],
  ['an Akana sign-up with a 321-character address (Akana: at most 320)', 'post', '/api/users/signupUser', { EmailAddress: `${long(309)}@example.com` }, undefined, 400, { code: 400, message: expect.stringContaining('EmailAddress') }],
  ['an Akana reset-code form with a 2,049-character code', 'post', '/api/passwordmanagement/validatePasswordResetCode', { emailAddress: 'a@example.com', passwordResetCode: long(2049) }, 'application/x-www-form-urlencoded', 400, { code: 400 }],
  ['an admin user with a 201-character name', 'post', '/__admin/users', { vendor: 'akana', email: 'named@example.com', password: 'password-1', name: long(201) }, undefined, 400, { status: 400, errors: [expect.objectContaining({ field: 'name' })] }],
];

test.each(CASES)('%s is refused in the vendor’s envelope, and nothing is stored or mailed', async (_label, method, path, body, type, status, envelope) => {
  const users = h.runtime.users.size;
  const mails = h.runtime.mailbox.size;
  const req = method === 'post' ? h.request.post(path) : h.request.patch(path);
  const res = await (type ? req.type('form').send(new URLSearchParams(body as Record<string, string>).toString()) : req.send(body)).expect(status);
  expect(res.body).toMatchObject(envelope as object);
  expect(h.runtime.users.size).toBe(users);
  expect(h.runtime.mailbox.size).toBe(mails);
});

test('a field at its maximum is taken, so the bound is not off by one', async () => {
  await h.request.post('/api/users/signupUser').send({ FirstName: long(64), EmailAddress: 'max@example.com' }).expect(200);
});

test('a mail is bounded whatever a template makes of a user’s fields', () => {
  const box = new Mailbox(10);
  const sent = box.send({ vendor: 'edge-impulse', kind: 'activation', to: 'a@b.example', subject: long(5000), text: long(100_000), code: '123456' }, 0);
  expect(sent.subject).toHaveLength(MAIL_LIMITS.subject);
  expect(sent.text).toHaveLength(MAIL_LIMITS.text);
  expect(sent.text.endsWith('…')).toBe(true);
});
