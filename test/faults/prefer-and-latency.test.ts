import { loadCompiledSpecs } from '../../contracts/core';
import { createApp } from '../../mock-server/create-app';
import { createHarness, type Harness, type HarnessOptions } from '../support/harness';
import { recordingSleep, VENDOR_CALLS, VENDORS } from './calls';

let slept: number[];
async function harness(options: HarnessOptions = {}): Promise<Harness> {
  const rec = recordingSleep();
  slept = rec.slept;
  return createHarness({ ...options, sleep: rec.sleep });
}

describe('Prefer: code=…', () => {
  test.each([
    ['edge-impulse', { success: false, error: 'Service Unavailable (forced by the Prefer header)' }],
    ['emnify', { error_code: 503, error_token: 'ServiceUnavailable', message: 'Service Unavailable (forced by the Prefer header)' }],
    ['akana', { code: 503, message: 'Service Unavailable (forced by the Prefer header)' }],
  ] as const)('forces the status on %s, in its envelope, and the journal says so', async (vendor, body) => {
    const h = await harness();
    const res = await VENDOR_CALLS[vendor].send(h).set('Prefer', 'code=503').expect(503);
    expect(res.body).toEqual(body);
    expect(res.headers['x-authmock-fault']).toBe('prefer');
    expect(res.headers['retry-after']).toBe('1');
    const { requests } = (await h.request.get('/__admin/requests').query({ limit: 5 }).expect(200)).body;
    expect(requests.find((r: { vendor?: string }) => r.vendor === vendor)).toMatchObject({ status: 503, faultId: 'prefer' });
  });

  test('changes nothing: the request never reaches the operation', async () => {
    const h = await harness();
    const before = h.runtime.mailbox.list({}).length;
    await VENDOR_CALLS.akana.send(h).set('Prefer', 'code=500').expect(500);
    expect(h.runtime.mailbox.list({}).length).toBe(before);
  });
});

describe('Prefer: delay=…', () => {
  test.each(VENDORS)('delays the real answer of %s', async (vendor) => {
    const h = await harness();
    const res = await VENDOR_CALLS[vendor].send(h).set('Prefer', 'delay=800').expect(VENDOR_CALLS[vendor].ok);
    expect(res.headers['x-authmock-fault']).toBe('prefer');
    expect(slept).toEqual([800]);
    expect(h.violations()).toEqual([]);
  });

  test('combines with code', async () => {
    const h = await harness();
    const res = await VENDOR_CALLS.emnify.send(h).set('Prefer', 'code=429, delay=200').expect(429);
    expect(res.body).toMatchObject({ error_code: 1105, error_token: 'TooManyRequests' });
    expect(slept).toEqual([200]);
  });
});

describe('Prefer parameters the mock cannot use are ignored (RFC 7240)', () => {
  test.each([
    ['code=abc'],
    ['code=200'],
    ['code=302'],
    ['code=999'],
    ['code=-503'],
    ['code=503.5'],
    ['delay=-5'],
    ['delay=999999'],
    ['delay=soon'],
    ['respond-async, wait=10'],
    ['return=minimal'],
    [';;;,,,==='],
    ['code'],
    ['code=abc, code=503'],
    ['\u00e9t\u00e9=1'],
  ])('%j: the real answer, not faulted, not delayed', async (prefer) => {
    const h = await harness();
    const res = await VENDOR_CALLS['edge-impulse'].send(h).set('Prefer', prefer).expect(200);
    expect(res.headers['x-authmock-fault']).toBeUndefined();
    expect(slept).toEqual([]);
    expect(h.violations()).toEqual([]);
  });

  test.each([
    ['code="503"', 503],
    ['CODE = 502 ; foo=bar', 502],
    ['code=504, code=500', 504],
    ['return=minimal, code=500', 500],
  ])('%j forces %i', async (prefer, status) => {
    const h = await harness();
    await VENDOR_CALLS['edge-impulse'].send(h).set('Prefer', prefer).expect(status);
  });
});

describe('Prefer beside the rules and settings', () => {
  test('steers the request alone: rules are not consulted or counted down', async () => {
    const h = await harness();
    await h.request.post('/__admin/faults').send({ vendor: 'emnify', status: 500, times: 1 }).expect(201);
    await VENDOR_CALLS.emnify.send(h).set('Prefer', 'code=502').expect(502);
    expect((await h.request.get('/__admin/faults').expect(200)).body.faults[0].remaining).toBe(1);
    await VENDOR_CALLS.emnify.send(h).expect(500);
  });

  test('is ignored with honorPreferHeader false', async () => {
    const h = await harness({ config: { honorPreferHeader: false } });
    const res = await VENDOR_CALLS.emnify.send(h).set('Prefer', 'code=503, delay=100').expect(200);
    expect(res.headers['x-authmock-fault']).toBeUndefined();
    expect(slept).toEqual([]);
  });

  test('does not touch the admin API', async () => {
    const h = await harness();
    await h.request.get('/__admin/users').set('Prefer', 'code=503, delay=100').expect(200);
    expect(slept).toEqual([]);
  });
});

describe('CORS', () => {
  test('a preflight from a local app may send Prefer, and the fault header is readable', async () => {
    const h = await harness();
    const preflight = await h.request
      .options('/v1/api-login')
      .set('Origin', 'http://localhost:3000')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type, prefer')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(preflight.headers['access-control-allow-headers']?.toLowerCase().split(/,\s*/)).toContain('prefer');
    const res = await VENDOR_CALLS['edge-impulse'].send(h).set('Origin', 'http://localhost:3000').set('Prefer', 'code=429').expect(429);
    expect(res.headers['access-control-expose-headers']?.split(/,\s*/)).toEqual(expect.arrayContaining(['X-Authmock-Fault', 'Retry-After']));
  });
});

describe('global latency (latencyMs)', () => {
  test('a number delays every vendor request by that much, and admin requests not at all', async () => {
    const h = await harness({ config: { latencyMs: 200 } });
    for (const vendor of VENDORS) {
      const res = await VENDOR_CALLS[vendor].send(h).expect(VENDOR_CALLS[vendor].ok);
      expect(res.headers['x-authmock-fault']).toBeUndefined();
    }
    await h.request.get('/__admin/users').expect(200);
    await h.request.get('/__admin/faults').expect(200);
    expect(slept).toEqual([200, 200, 200]);
    expect(h.violations()).toEqual([]);
  });

  test('[min, max] draws a uniform delay per request within the range', async () => {
    const h = await harness({ config: { latencyMs: [50, 300] } });
    for (let i = 0; i < 30; i++) await VENDOR_CALLS.emnify.send(h).expect(200);
    expect(slept).toHaveLength(30);
    for (const ms of slept) expect(ms >= 50 && ms <= 300).toBe(true);
    expect(new Set(slept).size).toBeGreaterThan(5);
  });

  test('adds to a rule delay and to a Prefer delay', async () => {
    const h = await harness({ config: { latencyMs: 100 } });
    await h.request.post('/__admin/faults').send({ vendor: 'akana', delayMs: 400, times: 1 }).expect(201);
    await VENDOR_CALLS.akana.send(h).expect(200);
    await VENDOR_CALLS.emnify.send(h).set('Prefer', 'delay=50').expect(200);
    expect(slept).toEqual([500, 150]);
  });

  test.each([[-1], [60_001], [[300, 50]], ['slow'], [[1, 2, 3]]])('an unusable setting %j stops start-up naming /latencyMs', async (latencyMs) => {
    const specs = await loadCompiledSpecs();
    expect(() => createApp({ specs, config: { latencyMs: latencyMs as number } })).toThrow(/\/latencyMs: /);
  });
});
