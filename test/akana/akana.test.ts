import { createHarness, fixture, type Harness, type HarnessOptions } from '../support/harness';

const active = fixture('akana', 'active');
const pending = fixture('akana', 'pending activation');
const PATH = '/api/users/resendActivation';

let h: Harness;
async function setup(options: HarnessOptions = {}): Promise<void> {
  h = await createHarness(options);
}
beforeEach(() => setup());
afterEach(() => expect(h.violations()).toEqual([]));

const resend = (emailAddress: string) => h.request.post(PATH).type('form').set('Accept', '*/*').send({ emailAddress });
const mails = (to: string) => h.runtime.mailbox.list({ to, vendor: 'akana' });

describe('resendActivation', () => {
  test.each([
    ['a pending user', pending.email, 1],
    ['an active user', active.email, 0],
    ['an unknown address', 'jane.saoirse@acmepaymentscorp.com', 0],
  ])('for %s answers 200 with no body and Cache-Control: no-cache, and mails %i new code(s)', async (_label, email, sent) => {
    const before = mails(email).length;
    const res = await resend(email).expect(200);
    expect(res.text).toBe('');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(mails(email)).toHaveLength(before + sent);
  });

  test('the new code replaces the pending user’s previous one in the mailbox', async () => {
    await resend(pending.email).expect(200);
    const [latest, original] = mails(pending.email);
    expect(original.code).toBe(pending.activationCode);
    expect(latest).toMatchObject({ kind: 'activation', code: expect.not.stringMatching(pending.activationCode!) });
    expect(latest.text).toContain(latest.code);
  });

  test('accepts the sample request as documented, with charset', async () => {
    await h.request.post(PATH).set('Content-Type', 'application/x-www-form-urlencoded; charset=UTF-8').set('Accept', '*/*').send(`emailAddress=${encodeURIComponent(pending.email)}`).expect(200);
  });

  test.each([
    ['no emailAddress', '', 'emailAddress is required'],
    ['a malformed address', 'emailAddress=not-an-address', 'emailAddress must be a valid email'],
    ['two addresses', 'emailAddress=a%40b.example&emailAddress=c%40d.example', 'emailAddress must be of type string'],
  ])('%s answers 400 naming the field', async (_label, form, message) => {
    const res = await h.request.post(PATH).type('form').send(form).expect(400);
    expect(res.body).toEqual({ code: 400, message });
  });

  test.each([
    ['a JSON body', 'application/json', JSON.stringify({ emailAddress: pending.email })],
    ['plain text', 'text/plain', pending.email],
  ])('%s answers 404, as Akana does for a wrong content type, and sends nothing', async (_label, type, body) => {
    const before = mails(pending.email).length;
    const res = await h.request.post(PATH).set('Content-Type', type).send(body).expect(404);
    expect(res.body.message).toContain('application/x-www-form-urlencoded');
    expect(mails(pending.email)).toHaveLength(before);
  });

  test.each(['GET', 'PUT', 'DELETE', 'PATCH'])('%s answers 405 with Allow: POST', async (method) => {
    const res = await h.request[method.toLowerCase() as 'get'](PATH).expect(405);
    expect(res.headers.allow).toBe('POST');
    expect(res.body).toEqual({ code: 405, message: expect.stringContaining(`Method ${method} is not allowed`) });
  });

  test.each([
    'application/json',
    'application/vnd.soa.v71+json',
    'application/vnd.soa.v72+json',
    'application/vnd.soa.v80+json',
    'application/vnd.soa.v81+json',
    '*/*',
    'text/html, application/vnd.soa.v81+json;q=0.9',
  ])('Accept: %s is served', async (accept) => {
    await h.request.post(PATH).type('form').set('Accept', accept).send({ emailAddress: pending.email }).expect(200);
  });

  test.each(['text/html', 'application/xml', 'application/vnd.soa.v60+json'])('Accept: %s answers 404, as Akana’s status page says', async (accept) => {
    const res = await h.request.post(PATH).type('form').set('Accept', accept).send({ emailAddress: pending.email }).expect(404);
    expect(res.body).toEqual({ code: 404, message: expect.stringContaining(accept) });
  });

  test('the per-address rate limit answers 429 for known and unknown addresses alike, until the clock moves', async () => {
    for (const email of [pending.email, 'unknown@akana.example']) {
      for (let i = 0; i < 3; i++) await resend(email).expect(200);
      const res = await resend(email).expect(429);
      expect(res.body).toEqual({ code: 429, message: expect.any(String) });
    }
    expect(mails(pending.email)).toHaveLength(4);
    await h.request.post('/__admin/clock').send({ advanceMs: 10 * 60_000 }).expect(200);
    await resend(pending.email).expect(200);
  });

  test('the rate limit is configurable', async () => {
    await setup({ config: { apis: { akana: { resendPerAddress: { limit: 1, windowMs: 1000 } } } } });
    await resend(pending.email).expect(200);
    await resend(pending.email).expect(429);
  });
});

test('whole flow: Akana resend for a pending, an active and an unknown address, with the mailbox checked each time', async () => {
  await h.request.delete('/__admin/mailbox').expect(204);
  for (const [email, expected] of [
    [pending.email, 1],
    [active.email, 0],
    ['nobody@akana.example', 0],
  ] as const) {
    await resend(email).expect(200);
    const box = await h.request.get('/__admin/mailbox').query({ to: email, vendor: 'akana' }).expect(200);
    expect(box.body.messages).toHaveLength(expected);
  }
});
