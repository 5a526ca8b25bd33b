import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_EVENT_CLIENTS } from '../../mock-server/apis/admin/event-stream';
import type { ConfigInput } from '../../mock-server/config';
import { startMock, type RunningMock } from '../../mock-server/server';
import { compiledSpecs } from '../support/harness';
import { eventually, openSse, type SseClient } from '../support/sse';

let mock: RunningMock;
let clients: SseClient[] = [];
const quiet = { warn: () => undefined, error: () => undefined };
async function start(config: ConfigInput = {}, extra: { stateFile?: string } = {}): Promise<void> {
  mock = await startMock({ port: 0, host: '127.0.0.1', specs: await compiledSpecs(), config, logger: quiet, ...extra });
}
afterEach(async () => {
  for (const c of clients) c.close();
  clients = [];
  await mock.close();
});

const create = async (name: string): Promise<void> => expect((await fetch(`${mock.url}/__tenants/${name}/__admin/reset`, { method: 'POST' })).status).toBe(204);
const stream = async (tenant: string): Promise<SseClient> => {
  const c = await openSse(`${mock.url}/__tenants/${tenant}/__admin/events`);
  clients.push(c);
  return c;
};
const longPoll = (tenant: string, timeoutMs: number) => fetch(`${mock.url}/__tenants/${tenant}/__admin/mailbox/wait?to=nobody@akana.example&timeoutMs=${timeoutMs}`);

describe('limits across tenants', () => {
  test(`at most ${MAX_EVENT_CLIENTS} event streams are open across every tenant, then 503 problem+json with Retry-After`, async () => {
    await start();
    const tenants = ['t0', 't1', 't2', 't3'];
    for (const t of tenants) await create(t);
    const open = await Promise.all(Array.from({ length: MAX_EVENT_CLIENTS }, (_, i) => stream(tenants[i % tenants.length])));
    expect(open.every((c) => c.status === 200)).toBe(true);
    await create('t4');
    const refused = await stream('t4');
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['retry-after']).toBeDefined();
    // One stream closed frees one place, whichever tenant it was in.
    open[0].close();
    await eventually(() => mock.app.runtime.longLived.size === MAX_EVENT_CLIENTS - 1);
    expect((await stream('t4')).status).toBe(200);
  });

  test('at most 1,000 long polls wait across every tenant, then 503 problem+json with Retry-After', async () => {
    await start();
    const tenants = ['t0', 't1', 't2', 't3'];
    for (const t of tenants) await create(t);
    const waits: Promise<unknown>[] = [];
    for (let i = 0; i < 1000; i++) {
      const world = mock.app.worlds.peek(tenants[i % tenants.length])!;
      waits.push(world.runtime.mailWaiters.wait({ filter: { to: 'nobody@akana.example' }, after: 0, timeoutMs: 30_000 }));
    }
    await create('t4');
    const res = await longPoll('t4', 100);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('retry-after')).toBeDefined();
    mock.app.closeLongLived();
    await Promise.all(waits);
  });
});

describe('a tenant that is dropped', () => {
  test.each<[string, (m: RunningMock) => Promise<void>]>([
    ['evicted past maxTenants', async (m) => void (await fetch(`${m.url}/__tenants/b/__admin/reset`, { method: 'POST' }))],
    ['deleted through the admin API', async (m) => void (await fetch(`${m.url}/__admin/tenants/a`, { method: 'DELETE' }))],
  ])('%s ends its open stream and long poll and is held by nothing', async (_label, drop) => {
    await start({ maxTenants: 1 });
    await create('a');
    const world = mock.app.worlds.peek('a')!;
    const sse = await stream('a');
    const poll = longPoll('a', 30_000);
    await eventually(() => world.runtime.events.size === 1 && world.runtime.mailWaiters.size === 1);
    await drop(mock);
    await sse.closed;
    expect((await poll).status).toBe(204);
    expect(mock.app.worlds.peek('a')).toBeUndefined();
    expect(mock.app.worlds.all()).not.toContain(world);
    expect(world.runtime.events.size).toBe(0);
    expect(world.runtime.mailWaiters.size).toBe(0);
    expect(mock.app.runtime.longLived.size).toBe(0);
  });
});

describe('long-lived requests on a tenant that does not exist', () => {
  test('an event stream answers 404 problem+json and creates nothing', async () => {
    await start();
    const c = await stream('ghost');
    expect(c.status).toBe(404);
    expect(c.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(mock.app.worlds.size).toBe(0);
    expect(mock.app.runtime.longLived.size).toBe(0);
  });
});

describe('the state file', () => {
  test('requests that create no tenant leave it without one, with an admin token set', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authmock-tenants-'));
    const file = path.join(dir, 'state.json');
    try {
      await start({ adminToken: 'state-file-token' }, { stateFile: file });
      const base = `${mock.url}/__tenants/ghost`;
      await fetch(`${base}/v1/api-login`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST' } });
      await fetch(`${base}/v1/api/user`);
      await fetch(`${base}/pixel.gif`);
      await fetch(`${base}/__admin/reset`, { method: 'POST' });
      await fetch(`${base}/__admin/users`, { headers: { Authorization: 'Bearer state-file-token' } });
      await mock.close();
      const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { tenants?: Record<string, unknown> };
      expect(Object.keys(doc.tenants ?? {})).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
