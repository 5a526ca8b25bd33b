import { FIXTURE_ACCOUNTS } from '../../fixtures';
import { startMock, type RunningMock } from '../../mock-server/server';
import { compiledSpecs } from '../support/harness';

const pending = FIXTURE_ACCOUNTS.find((a) => a.vendor === 'edge-impulse' && a.role === 'pending activation')!;
const TENANTS = 50;

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, host: '127.0.0.1', specs: await compiledSpecs() });
});
afterAll(() => mock.close());

async function call(base: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (init.token) headers['x-jwt-token'] = init.token;
  const res = await fetch(`${base}${path}`, { method: init.method ?? 'POST', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A whole Edge Impulse activation: a pending user signs in, asks for a code, reads it from the tenant's mailbox and activates. */
async function activationFlow(tenant: string): Promise<string> {
  const base = `${mock.url}/__tenants/${tenant}`;
  const login = await call(base, '/v1/api-login', { body: { username: pending.username, password: pending.password } });
  expect(login.body).toMatchObject({ success: true });
  const token = login.body.token as string;
  expect((await call(base, '/v1/api/user/request-activation', { token, body: {} })).body).toEqual({ success: true });
  const box = await call(base, `/__admin/mailbox?to=${encodeURIComponent(pending.email)}&kind=activation`, { method: 'GET' });
  const code = (box.body.messages as { code: string }[])[0].code;
  expect((await call(base, '/v1/api/user/activate', { token, body: { code } })).body).toEqual({ success: true });
  return code;
}

test(`${TENANTS} tenants in parallel each run a whole activation flow, each with its own code`, async () => {
  const codes = await Promise.all(Array.from({ length: TENANTS }, (_, i) => activationFlow(`worker-${i}`)));
  expect(new Set(codes).size).toBe(TENANTS);
  expect(mock.app.worlds.size).toBe(TENANTS);
  for (let i = 0; i < TENANTS; i++) {
    expect(mock.app.worlds.peek(`worker-${i}`)!.runtime.users.byEmail('edge-impulse', pending.email)!.status).toBe('active');
  }
  // The default world saw none of it.
  expect(mock.app.runtime.users.byEmail('edge-impulse', pending.email)!.status).toBe('pending');
});
