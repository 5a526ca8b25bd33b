import { specLimit } from '../../mock-server/apis/emnify/rate-limit';
import { sha1Hex } from '../../mock-server/apis/emnify/accounts';
import type { ConfigInput } from '../../mock-server/config';
import { compiledSpecs, createHarness, fixture, type Harness } from '../support/harness';

const active = fixture('emnify', 'active');
const login = { username: active.username, password: sha1Hex(active.password!) };

let h: Harness;
afterEach(() => expect(h.violations()).toEqual([]));

async function harness(config?: ConfigInput): Promise<Harness> {
  h = await createHarness({ config });
  return h;
}
const authenticate = (body: object = login, tenant?: string) => {
  const req = h.request.post('/api/v1/authenticate');
  if (tenant) req.set('X-Authmock-Tenant', tenant);
  return req.send(body);
};
async function spend(n: number, body: object = login): Promise<void> {
  for (let i = 0; i < n; i++) await authenticate(body);
}

describe('the per-IP limit of authenticate', () => {
  test('by default it is the spec’s x-rate-limit of authenticate (100 calls in 300 s), read from the spec, not restated', async () => {
    await harness();
    const op = (await compiledSpecs()).get('emnify')!.byOperationId.get('authenticate')!;
    expect(specLimit(op)).toEqual({ limit: 100, windowMs: 300_000 });
    expect(h.runtime.config.apis.emnify.authenticateLimit).toBe(true);
  });

  test('the 101st call within 5 minutes answers 429 1105 TooManyRequests with Retry-After; the window passing lets calls through again', async () => {
    await harness();
    await spend(99);
    await authenticate().expect(200);
    const res = await authenticate().expect(429);
    expect(res.body).toEqual({ error_code: 1105, error_token: 'TooManyRequests', message: 'Too many authentication requests from this address: 100 in 300 s' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(300);
    h.clock.advance(300_001);
    await authenticate().expect(200);
  });

  test('failed and malformed calls count too, as at a gateway', async () => {
    await harness();
    await spend(60, { username: 'nobody@emnify.example', password: sha1Hex('x') });
    await spend(40, { username: 'malformed' });
    await authenticate().expect(429);
  });

  test('other operations are not counted', async () => {
    await harness();
    await spend(100);
    await h.request.post('/api/v1/user/activation_resend').send({ username: 'nobody@emnify.example', 'g-recaptcha-response': 'ok' }).expect(204);
  });

  test('a reset empties the window, and each tenant counts on its own', async () => {
    await harness();
    await spend(100);
    await authenticate(login, 'worker-1').expect(200);
    await authenticate().expect(429);
    await h.request.post('/__admin/reset').expect(204);
    await authenticate().expect(200);
  });

  test.each([
    ['false switches it off', { authenticateLimit: false }, 150, 200],
    ['{limit, windowMs} sets another', { authenticateLimit: { limit: 3, windowMs: 1000 } }, 3, 429],
  ])('the setting: %s', async (_label, emnify, calls, status) => {
    await harness({ apis: { emnify } });
    await spend(calls);
    await authenticate().expect(status);
  });
});
