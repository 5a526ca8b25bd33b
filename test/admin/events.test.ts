import { checkResponse, type CompiledOperation } from '../../contracts/core';
import type { Timers } from '../../mock-server/domain/events';
import { MAX_EVENT_CLIENTS } from '../../mock-server/apis/admin/event-stream';
import { AdminClient } from '../../mock-server/admin-client';
import { startMock, type RunningMock } from '../../mock-server/server';
import { compiledSpecs, fixture } from '../support/harness';
import { eventually, openSse, type SseClient } from '../support/sse';

let mock: RunningMock;
let op: CompiledOperation;
const intervals: (() => void)[] = [];
// Real timeouts, but heartbeats only when the test fires them.
const timers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  setInterval: (fn) => intervals.push(fn),
  clearInterval: (h) => void (intervals[(h as number) - 1] = () => undefined),
};
const clients: SseClient[] = [];
const open = async (): Promise<SseClient> => {
  const c = await openSse(`${mock.url}/__admin/events`);
  clients.push(c);
  return c;
};

beforeEach(async () => {
  const specs = await compiledSpecs();
  op = specs.get('admin')!.byOperationId.get('streamEvents')!;
  mock = await startMock({ specs, timers });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await mock.close();
});

const observed = (c: SseClient) => ({ status: c.status, headers: c.headers as Record<string, string>, text: c.text() });

describe('GET /__admin/events', () => {
  test('the default world and every tenant hear a tenant come and go', async () => {
    await mock.admin.tenants.create('watched');
    const root = await open();
    const inTenant = await openSse(`${mock.url}/__tenants/watched/__admin/events`);
    clients.push(inTenant);
    await mock.admin.tenants.create('newcomer');
    expect((await root.next('tenant')).data).toEqual({ action: 'created', name: 'newcomer' });
    expect((await inTenant.next('tenant')).data).toEqual({ action: 'created', name: 'newcomer' });
    await mock.admin.tenants.delete('newcomer');
    expect((await root.next('tenant', (d) => (d as { action: string }).action === 'deleted')).data).toEqual({ action: 'deleted', name: 'newcomer' });
  });

  test('a client receives mail as the mailbox lists it, and user changes as the users list shows them', async () => {
    const c = await open();
    expect(c.status).toBe(200);
    expect(c.headers['content-type']).toMatch(/^text\/event-stream/);
    const user = await mock.admin.users.create({ vendor: 'emnify', email: 'live@emnify.example', status: 'pending' });
    const mail = await c.next('mail');
    const [listed] = await mock.admin.mailbox.list({ to: 'live@emnify.example' });
    expect(mail.data).toEqual(listed);
    const created = await c.next('user', (d) => (d as { action: string }).action === 'created');
    expect(created.data).toEqual({ action: 'created', user: (await mock.admin.users.find({ email: 'live@emnify.example' }))[0] });
    expect((created.data as { user: { id: number } }).user.id).toBe(user.id);
    await fetch(`${mock.url}/api/v1/user/activation`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ activationKey: listed.code, password: 'a-new-password-1' }) });
    const changed = await c.next('user', (d) => (d as { action: string; user: { status: string } }).action === 'changed' && (d as { user: { status: string } }).user.status === 'active');
    expect(changed.data).toMatchObject({ user: { email: 'live@emnify.example', status: 'active' } });
    expect(checkResponse(op, observed(c))).toEqual([]);
  });

  test('requests arrive as journal entries with secrets redacted', async () => {
    const c = await open();
    const active = fixture('edge-impulse', 'active');
    await fetch(`${mock.url}/v1/api-login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: active.username, password: active.password }) });
    const entry = await c.next('request', (d) => (d as { path: string }).path === '/v1/api-login');
    expect(entry.data).toMatchObject({ method: 'POST', status: 200, operationId: 'login', request: { body: { username: active.username, password: '[redacted]' } }, response: { body: { success: true, token: '[redacted]' } } });
    expect(c.text()).not.toContain(active.password);
    const [listed] = await mock.admin.requests(10).then((all) => all.filter((r) => r.path === '/v1/api-login'));
    expect(entry.data).toEqual(listed);
  });

  test('clock moves and resets are announced', async () => {
    const c = await open();
    await mock.admin.clock.advance(3_600_000);
    expect((await c.next('clock')).data).toMatchObject({ offsetMs: 3_600_000, now: expect.any(String) });
    await mock.admin.reset();
    expect((await c.next('reset')).data).toEqual({});
    expect((await c.next('clock', (d) => (d as { offsetMs: number }).offsetMs === 0)).data).toMatchObject({ offsetMs: 0 });
  });

  test('a heartbeat comment goes out on the heartbeat timer', async () => {
    const c = await open();
    expect(intervals.length).toBeGreaterThan(0);
    intervals[intervals.length - 1]();
    await eventually(() => c.text().includes(': heartbeat\n\n'));
  });

  test('a client that disconnects is released', async () => {
    const runtime = mock.app.runtime;
    const c = await open();
    await eventually(() => runtime.events.size === 1 && runtime.longLived.size === 1);
    c.close();
    await eventually(() => runtime.events.size === 0 && runtime.longLived.size === 0);
    // Events after the disconnect go nowhere and break nothing.
    await mock.admin.users.create({ vendor: 'akana', email: 'after@akana.example', status: 'pending' });
  });

  test(`past ${MAX_EVENT_CLIENTS} clients the next one gets 503 with Retry-After, and a freed slot is usable again`, async () => {
    const all = await Promise.all(Array.from({ length: MAX_EVENT_CLIENTS }, () => open()));
    expect(all.every((c) => c.status === 200)).toBe(true);
    const refused = await fetch(`${mock.url}/__admin/events`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    const text = await refused.text();
    expect(JSON.parse(text)).toMatchObject({ status: 503 });
    expect(checkResponse(op, { status: 503, headers: Object.fromEntries(refused.headers), text })).toEqual([]);
    all[0].close();
    await eventually(() => mock.app.runtime.events.size === MAX_EVENT_CLIENTS - 1);
    expect((await open()).status).toBe(200);
  });

  test('a client that stops reading is dropped once it is more than 1 MiB behind, and the mock carries on', async () => {
    const runtime = mock.app.runtime;
    const c = await open();
    await eventually(() => runtime.events.size === 1);
    c.pause();
    // 50,000 user events of about 300 bytes each: far more than the socket buffers hold.
    await mock.admin.users.bulk({ vendor: 'akana', count: 50_000, password: 'bulk-password' });
    await eventually(() => runtime.events.size === 0 && runtime.longLived.size === 0);
    await c.closed;
    expect((await mock.admin.users.find({ vendor: 'akana' })).length).toBeGreaterThanOrEqual(50_000);
  });

  test("a tenant's stream carries that tenant's events only", async () => {
    await mock.admin.tenants.create('team-a');
    const tenant = await openSse(`${mock.url}/__tenants/team-a/__admin/events`);
    clients.push(tenant);
    await mock.admin.users.create({ vendor: 'akana', email: 'default.world@akana.example', status: 'pending' });
    await new AdminClient(mock.url, { tenant: 'team-a' }).users.create({ vendor: 'akana', email: 'team.a@akana.example', status: 'pending' });
    const mail = await tenant.next('mail');
    expect(mail.data).toMatchObject({ to: 'team.a@akana.example' });
    expect(tenant.text()).not.toContain('default.world@akana.example');
  });

  test('closing the mock ends every stream', async () => {
    const c = await open();
    await mock.close();
    await c.closed;
    expect(mock.app.runtime.events.size).toBe(0);
  });
});
