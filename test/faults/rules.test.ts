import { createHarness, fixture, type Harness } from '../support/harness';
import { recordingSleep, VENDOR_CALLS, VENDORS } from './calls';

let h: Harness;
let slept: number[];
beforeEach(async () => {
  const rec = recordingSleep();
  slept = rec.slept;
  h = await createHarness({ sleep: rec.sleep });
});

const addRule = async (rule: Record<string, unknown>) => (await h.request.post('/__admin/faults').send(rule).expect(201)).body as { id: string; remaining: number | null };

describe('managing fault rules', () => {
  test('a new rule is answered with its id, its defaults and what remains of it', async () => {
    const res = await h.request.post('/__admin/faults').send({ vendor: 'emnify', operationId: 'authenticate', status: 503, times: 2 }).expect(201);
    expect(res.body).toEqual({ id: 'fault-1', vendor: 'emnify', operationId: 'authenticate', status: 503, times: 2, probability: 1, remaining: 2 });
    const unlimited = await addRule({ delayMs: [10, 20] });
    expect(unlimited).toMatchObject({ id: 'fault-2', remaining: null });
    expect(h.violations()).toEqual([]);
  });

  test('rules are listed in creation order, removed one by one, and all at once', async () => {
    const a = await addRule({ status: 500 });
    const b = await addRule({ delayMs: 5 });
    const c = await addRule({ drop: 'reset', vendor: 'akana' });
    expect((await h.request.get('/__admin/faults').expect(200)).body.faults.map((f: { id: string }) => f.id)).toEqual([a.id, b.id, c.id]);
    await h.request.delete(`/__admin/faults/${b.id}`).expect(204);
    expect((await h.request.get('/__admin/faults').expect(200)).body.faults.map((f: { id: string }) => f.id)).toEqual([a.id, c.id]);
    await h.request.delete('/__admin/faults').expect(204);
    expect((await h.request.get('/__admin/faults').expect(200)).body).toEqual({ faults: [] });
    expect(h.violations()).toEqual([]);
  });

  test('removing an unknown rule answers 404 problem+json', async () => {
    const res = await h.request.delete('/__admin/faults/fault-99').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, detail: 'No fault rule has the id fault-99' });
    expect(h.violations()).toEqual([]);
  });

  test('a reset removes every rule', async () => {
    await addRule({ status: 500 });
    await h.request.post('/__admin/reset').expect(204);
    expect((await h.request.get('/__admin/faults').expect(200)).body.faults).toEqual([]);
    await VENDOR_CALLS.emnify.send(h).expect(200);
  });

  test('the admin API itself is never faulted', async () => {
    await addRule({ status: 500 });
    await addRule({ delayMs: 1000 });
    await h.request.get('/__admin/users').expect(200);
    expect(slept).toEqual([]);
  });
});

describe('a forced status', () => {
  test.each([
    ['edge-impulse', 503, '1', { success: false, error: 'Service Unavailable (forced by fault rule fault-1)' }],
    ['emnify', 429, '1', { error_code: 1105, error_token: 'TooManyRequests', message: 'Too Many Requests (forced by fault rule fault-1)' }],
    ['emnify', 500, undefined, { error_code: 500, error_token: 'InternalServerError', message: 'Internal Server Error (forced by fault rule fault-1)' }],
    ['akana', 502, undefined, { code: 502, message: 'Bad Gateway (forced by fault rule fault-1)' }],
    ['akana', 503, '1', { code: 503, message: 'Service Unavailable (forced by fault rule fault-1)' }],
  ] as const)('on %s answers %i in the vendor envelope, with Retry-After %s', async (vendor, status, retryAfter, body) => {
    await addRule({ vendor, status });
    const res = await VENDOR_CALLS[vendor].send(h).expect(status);
    expect(res.body).toEqual(body);
    expect(res.headers['x-authmock-fault']).toBe('fault-1');
    expect(res.headers['retry-after']).toBe(retryAfter);
  });

  test('sends the rule body and headers as given', async () => {
    await addRule({ vendor: 'edge-impulse', status: 418, body: { teapot: true, items: [1, 2] }, headers: { 'X-Trace-Id': 'abc-123', 'Content-Type': 'application/vnd.test+json' } });
    const res = await VENDOR_CALLS['edge-impulse'].send(h).expect(418);
    expect(res.headers['content-type']).toBe('application/vnd.test+json');
    expect(res.headers['x-trace-id']).toBe('abc-123');
    expect(JSON.parse(res.text)).toEqual({ teapot: true, items: [1, 2] });
  });

  test('keeps a Retry-After the rule gives', async () => {
    await addRule({ vendor: 'emnify', status: 429, headers: { 'Retry-After': '30' } });
    const res = await VENDOR_CALLS.emnify.send(h).expect(429);
    expect(res.headers['retry-after']).toBe('30');
  });

  test('answers before the operation runs: no activation, no mail', async () => {
    await addRule({ status: 500 });
    const pending = fixture('emnify', 'pending activation');
    const mailBefore = h.runtime.mailbox.list({}).length;
    await h.request.post('/api/v1/user/activation').send({ activationKey: pending.activationCode, password: 'a-new-password' }).expect(500);
    await h.request.post('/api/users/resendActivation').type('form').send({ emailAddress: fixture('akana', 'pending activation').email }).expect(500);
    await h.request.post('/v1/api-user-request-reset-password').send({ email: fixture('edge-impulse', 'active').email }).expect(500);
    await h.request.delete('/__admin/faults').expect(204);
    expect(h.runtime.users.list({ email: pending.email })[0].status).toBe('pending');
    expect(h.runtime.mailbox.list({}).length).toBe(mailBefore);
    await h.request.post('/api/users/resendActivation').type('form').send({ emailAddress: fixture('akana', 'pending activation').email }).expect(200);
    expect(h.runtime.mailbox.list({}).length).toBe(mailBefore + 1);
  });
});

describe('a delay', () => {
  test('alone delays the real answer, which carries the rule id', async () => {
    await addRule({ vendor: 'edge-impulse', operationId: 'login', delayMs: 800 });
    const res = await VENDOR_CALLS['edge-impulse'].send(h).expect(200);
    expect(res.body).toMatchObject({ success: true, token: expect.any(String) });
    expect(res.headers['x-authmock-fault']).toBe('fault-1');
    expect(slept).toEqual([800]);
    expect(h.violations()).toEqual([]);
  });

  test('given as [min, max] waits a uniform draw between the two', async () => {
    await addRule({ vendor: 'emnify', delayMs: [100, 200] });
    for (let i = 0; i < 20; i++) await VENDOR_CALLS.emnify.send(h).expect(200);
    expect(slept).toHaveLength(20);
    for (const ms of slept) expect(ms >= 100 && ms <= 200).toBe(true);
    expect(new Set(slept).size).toBeGreaterThan(1);
  });

  test('comes before a forced status', async () => {
    await addRule({ vendor: 'akana', delayMs: 250, status: 504 });
    await VENDOR_CALLS.akana.send(h).expect(504);
    expect(slept).toEqual([250]);
  });

  test('waits at least that long on the wall clock with the real timer', async () => {
    const real = await createHarness();
    await real.request.post('/__admin/faults').send({ vendor: 'emnify', delayMs: 150 }).expect(201);
    const started = performance.now();
    await VENDOR_CALLS.emnify.send(real).expect(200);
    // Timers may fire a millisecond early; nothing here bounds how late.
    expect(performance.now() - started).toBeGreaterThanOrEqual(148);
  });
});

describe('a drop', () => {
  test('resets the connection without an answer and without running the operation', async () => {
    await addRule({ vendor: 'akana', drop: 'reset' });
    const mailBefore = h.runtime.mailbox.list({}).length;
    await expect(VENDOR_CALLS.akana.send(h)).rejects.toThrow(/ECONNRESET|socket hang up/);
    expect(h.runtime.mailbox.list({}).length).toBe(mailBefore);
    await VENDOR_CALLS.emnify.send(h).expect(200);
  });
});

describe('which rule applies', () => {
  test('times counts down, shows what remains, and the used-up rule is removed', async () => {
    await addRule({ vendor: 'emnify', status: 500, times: 2 });
    await VENDOR_CALLS.emnify.send(h).expect(500);
    expect((await h.request.get('/__admin/faults').expect(200)).body.faults[0]).toMatchObject({ id: 'fault-1', times: 2, remaining: 1 });
    await VENDOR_CALLS.emnify.send(h).expect(500);
    await VENDOR_CALLS.emnify.send(h).expect(200);
    expect((await h.request.get('/__admin/faults').expect(200)).body.faults).toEqual([]);
  });

  test('rules are tried in creation order and the first match applies', async () => {
    await addRule({ vendor: 'emnify', operationId: 'authenticate', status: 502 });
    await addRule({ vendor: 'emnify', status: 500 });
    await addRule({ status: 503 });
    await VENDOR_CALLS.emnify.send(h).expect(502);
    const activation = await h.request.post('/api/v1/user/activation').send({ activationKey: 'nope', password: 'a-new-password' }).expect(500);
    expect(activation.headers['x-authmock-fault']).toBe('fault-2');
    for (const vendor of ['edge-impulse', 'akana'] as const) expect((await VENDOR_CALLS[vendor].send(h).expect(503)).headers['x-authmock-fault']).toBe('fault-3');
  });

  test('an operationId without a vendor matches that operation of whichever vendor has it', async () => {
    await addRule({ operationId: 'resendActivation', status: 500 });
    await VENDOR_CALLS.akana.send(h).expect(500);
    await VENDOR_CALLS.emnify.send(h).expect(200);
    await VENDOR_CALLS['edge-impulse'].send(h).expect(200);
  });

  test.each(VENDORS)('a rule of another vendor leaves %s alone', async (vendor) => {
    await addRule({ vendor: VENDORS.find((v) => v !== vendor), status: 500 });
    const res = await VENDOR_CALLS[vendor].send(h).expect(VENDOR_CALLS[vendor].ok);
    expect(res.headers['x-authmock-fault']).toBeUndefined();
  });
});

describe('the journal', () => {
  test('names the rule of a faulted request, and no rule for the others', async () => {
    const rule = await addRule({ vendor: 'emnify', status: 503, times: 1 });
    await VENDOR_CALLS.emnify.send(h).expect(503);
    await VENDOR_CALLS.emnify.send(h).expect(200);
    const { requests } = (await h.request.get('/__admin/requests').query({ limit: 3 }).expect(200)).body;
    const vendorRequests = requests.filter((r: { vendor?: string }) => r.vendor === 'emnify');
    expect(vendorRequests).toEqual([
      expect.objectContaining({ status: 200, operationId: 'authenticate' }),
      expect.objectContaining({ status: 503, operationId: 'authenticate', faultId: rule.id }),
    ]);
    expect(vendorRequests[0]).not.toHaveProperty('faultId');
  });

  test("keeps a faulted request's body, its secrets redacted, though the operation never read it", async () => {
    await addRule({ vendor: 'edge-impulse', operationId: 'login', status: 500, times: 1 });
    await VENDOR_CALLS['edge-impulse'].send(h).expect(500);
    const { requests } = (await h.request.get('/__admin/requests').query({ limit: 2 }).expect(200)).body;
    const faulted = requests.find((r: { operationId?: string }) => r.operationId === 'login');
    expect(faulted).toMatchObject({ status: 500, faultId: 'fault-1', request: { body: { username: expect.any(String), password: '[redacted]' } } });
    expect(JSON.stringify(faulted)).not.toContain(fixture('edge-impulse', 'active').password);
  });
});

describe('probability', () => {
  // Every byte the mock draws is `fill`: 0x00 draws 0, 0xff draws just under 1.
  let fill = 0xff;
  const random = { bytes: (n: number) => Buffer.alloc(n, fill) };

  test('a rule applies only when the injected random draw falls under its probability, and only then counts down', async () => {
    const p = await createHarness({ random });
    await p.request.post('/__admin/faults').send({ vendor: 'emnify', status: 500, probability: 0.5, times: 1 }).expect(201);
    fill = 0xff;
    await VENDOR_CALLS.emnify.send(p).expect(200);
    expect((await p.request.get('/__admin/faults').expect(200)).body.faults[0]).toMatchObject({ probability: 0.5, remaining: 1 });
    fill = 0x00;
    await VENDOR_CALLS.emnify.send(p).expect(500);
    await VENDOR_CALLS.emnify.send(p).expect(200);
  });

  test('a missed draw passes the request on to the next rule', async () => {
    const p = await createHarness({ random });
    await p.request.post('/__admin/faults').send({ vendor: 'akana', status: 500, probability: 0.9 }).expect(201);
    await p.request.post('/__admin/faults').send({ vendor: 'akana', status: 503 }).expect(201);
    fill = 0xff;
    expect((await VENDOR_CALLS.akana.send(p).expect(503)).headers['x-authmock-fault']).toBe('fault-2');
    fill = 0x00;
    expect((await VENDOR_CALLS.akana.send(p).expect(500)).headers['x-authmock-fault']).toBe('fault-1');
  });

  test('probability 0 never applies', async () => {
    fill = 0x00;
    const p = await createHarness({ random });
    await p.request.post('/__admin/faults').send({ status: 500, probability: 0 }).expect(201);
    await VENDOR_CALLS['edge-impulse'].send(p).expect(200);
  });
});

describe('tenants', () => {
  test("a rule made in one tenant faults that tenant's requests only", async () => {
    const rule = (await h.request.post('/__tenants/alpha/__admin/faults').send({ vendor: 'emnify', status: 503 }).expect(201)).body;
    expect((await VENDOR_CALLS.emnify.send(h).set('X-Authmock-Tenant', 'alpha').expect(503)).headers['x-authmock-fault']).toBe(rule.id);
    await VENDOR_CALLS.emnify.send(h).set('X-Authmock-Tenant', 'beta').expect(200);
    await VENDOR_CALLS.emnify.send(h).expect(200);
    expect((await h.request.get('/__admin/faults').expect(200)).body.faults).toEqual([]);
    expect((await h.request.get('/__admin/faults').set('X-Authmock-Tenant', 'alpha').expect(200)).body.faults).toHaveLength(1);
  });
});
