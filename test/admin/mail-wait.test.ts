import { createHarness, fixture, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => expect(h.violations()).toEqual([]));

const pending = fixture('emnify', 'pending activation');

/** A new activation mail for the EMnify pending fixture, sent through the vendor API. */
const resend = () => h.request.post('/api/v1/user/activation_resend').send({ username: pending.email, 'g-recaptcha-response': 'ok' });

describe('GET /__admin/mailbox/wait', () => {
  test('answers at once with the newest matching message when one is already captured', async () => {
    const res = await h.request.get('/__admin/mailbox/wait').query({ to: pending.email, kind: 'activation', timeoutMs: 10_000 }).expect(200);
    expect(res.body.message).toMatchObject({ to: pending.email, vendor: 'emnify', kind: 'activation', code: pending.activationCode });
  });

  test('waits for a message newer than `after` and answers as soon as it is sent', async () => {
    const [seeded] = h.runtime.mailbox.list({ to: pending.email });
    const started = Date.now();
    const waiting = h.request.get('/__admin/mailbox/wait').query({ to: pending.email, after: seeded.id, timeoutMs: 20_000 }).then((r) => r);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.runtime.mailWaiters.size).toBe(1);
    await resend().expect(204);
    const res = await waiting;
    expect(res.status).toBe(200);
    expect(res.body.message.id).toBeGreaterThan(seeded.id);
    expect(res.body.message.code).not.toBe(pending.activationCode);
    // Far below the 20 s it was allowed to wait: it answered on the mail, not on the timeout.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(h.runtime.mailWaiters.size).toBe(0);
  });

  test('answers 204 when nothing matching comes within timeoutMs', async () => {
    const started = Date.now();
    const res = await h.request.get('/__admin/mailbox/wait').query({ to: 'nobody@emnify.example', timeoutMs: 150 }).expect(204);
    expect(res.text).toBe('');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(h.runtime.mailWaiters.size).toBe(0);
  });

  test('a reset ends a waiting request with 204', async () => {
    const waiting = h.request.get('/__admin/mailbox/wait').query({ to: 'nobody@emnify.example', timeoutMs: 30_000 }).then((r) => r);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.runtime.mailWaiters.size).toBe(1);
    await h.request.post('/__admin/reset').expect(204);
    expect((await waiting).status).toBe(204);
    expect(h.runtime.mailWaiters.size).toBe(0);
  });

  test.each([
    ['a negative timeout', '-1'],
    ['a timeout over 30 s', '30001'],
    ['a timeout that is not a number', 'soon'],
    ['a fractional timeout', '1.5'],
  ])('%s answers 400 problem+json naming timeoutMs', async (_label, timeoutMs) => {
    const res = await h.request.get('/__admin/mailbox/wait').query({ timeoutMs }).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'timeoutMs' })]);
  });
});
