import fs from 'node:fs';
import path from 'node:path';
import { compiledSpecs } from '../support/harness';
import { startMock, type RunningMock } from '../../mock-server/server';
import { tempMocks } from '../support/temp-mocks';

const tmp = tempMocks('authmock-state-');

async function start(file: string, freshState = false): Promise<RunningMock> {
  const mock = await startMock({ port: 0, host: '127.0.0.1', specs: await compiledSpecs(), stateFile: file, freshState, logger: { warn: () => undefined, error: () => undefined } });
  tmp.keep(mock);
  return mock;
}
const stop = async (mock: RunningMock): Promise<void> => {
  tmp.forget(mock);
  await mock.close();
};
const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('--state FILE', () => {
  test('a missing file is created from the fixtures at start', async () => {
    const file = path.join(tmp.dir, 'state.json');
    await start(file);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(doc).toMatchObject({ format: 'authmock-state', version: 1 });
    expect(doc.world.users.items.length).toBeGreaterThan(5);
  });

  test('a file in a folder that does not exist yet is created with its folder', async () => {
    const file = path.join(tmp.dir, 'nested', '.authmock', 'state.json');
    await start(file);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).format).toBe('authmock-state');
  });

  test('users, mail and the clock come back after a restart', async () => {
    const file = path.join(tmp.dir, 'state.json');
    const first = await start(file);
    expect((await post(`${first.url}/__admin/users`, { vendor: 'emnify', email: 'kept@emnify.example', status: 'pending' })).status).toBe(201);
    expect((await post(`${first.url}/__admin/clock`, { advanceMs: 120_000 })).status).toBe(200);
    await stop(first);

    const second = await start(file);
    const users = await (await fetch(`${second.url}/__admin/users?email=kept@emnify.example`)).json();
    expect(users.users).toEqual([expect.objectContaining({ vendor: 'emnify', status: 'pending' })]);
    const mail = await (await fetch(`${second.url}/__admin/mailbox?to=kept@emnify.example`)).json();
    expect(mail.messages).toHaveLength(1);
    expect(second.app.runtime.clock.offset).toBe(120_000);
  });

  test('tenants and their users come back after a restart', async () => {
    const file = path.join(tmp.dir, 'state.json');
    const first = await start(file);
    expect((await post(`${first.url}/__tenants/worker-1/__admin/users`, { vendor: 'akana', email: 'w@akana.example', password: 'password-1' })).status).toBe(201);
    await stop(first);
    const second = await start(file);
    const tenants = await (await fetch(`${second.url}/__admin/tenants`)).json();
    expect(tenants.tenants.map((t: { name: string }) => t.name)).toEqual(['worker-1']);
    const users = await (await fetch(`${second.url}/__tenants/worker-1/__admin/users?email=w@akana.example`)).json();
    expect(users.users).toHaveLength(1);
  });

  test('a change is on disk shortly after its answer, without a shutdown', async () => {
    const file = path.join(tmp.dir, 'state.json');
    const mock = await start(file);
    await post(`${mock.url}/__admin/users`, { vendor: 'akana', email: 'soon@akana.example', password: 'password-1' });
    const deadline = Date.now() + 2000;
    // Between compactions a change is in the log beside the file.
    const onDisk = (): string => fs.readFileSync(file, 'utf8') + (fs.existsSync(`${file}.log`) ? fs.readFileSync(`${file}.log`, 'utf8') : '');
    while (!onDisk().includes('soon@akana.example') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(onDisk()).toContain('soon@akana.example');
  });

  test('--fresh-state starts from the fixtures and replaces the file', async () => {
    const file = path.join(tmp.dir, 'state.json');
    const first = await start(file);
    await post(`${first.url}/__admin/users`, { vendor: 'akana', email: 'gone@akana.example', password: 'password-1' });
    await stop(first);
    const second = await start(file, true);
    const users = await (await fetch(`${second.url}/__admin/users?email=gone@akana.example`)).json();
    expect(users.users).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).not.toContain('gone@akana.example');
  });

  const valid = (): Record<string, unknown> => ({ format: 'authmock-state', version: 1, world: { clock: { offsetMs: 0 }, users: { nextId: 1, items: [] }, codes: [], mailbox: { nextId: 1, messages: [] }, limits: {} } });
  test.each([
    ['corrupt', '{"format": "authmock-state", "version": 1, wor', /is not JSON/],
    ['truncated', JSON.stringify(valid()).slice(0, 40), /is not JSON/],
    ['empty', '', /is not JSON/],
    ['of a wrong version', JSON.stringify({ ...valid(), version: 2 }), /version must be one of 1 \(at \/version\)/],
    ['hand-edited into an invalid one', JSON.stringify({ ...valid(), world: { ...(valid().world as object), clock: { offsetMs: 'soon' } } }), /offsetMs must be of type integer \(at \/world\/clock\/offsetMs\)/],
    ['naming a user twice', JSON.stringify({ ...valid(), world: { ...(valid().world as object), users: { nextId: 3, items: [user(1), user(2)] } } }), /appears twice \(at \/world\/users\/items\/1\/email\)/],
  ])('a state file that is %s stops the start, names the file and the problem, and stays byte for byte', async (_name, content, problem) => {
    const file = path.join(tmp.dir, 'state.json');
    fs.writeFileSync(file, content);
    const error = await start(file).then(
      () => undefined,
      (err: Error) => err,
    );
    expect(error?.message).toContain(file);
    expect(error?.message).toMatch(problem);
    expect(error?.message).toContain('--fresh-state');
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
    expect(fs.readdirSync(tmp.dir)).toEqual(['state.json']);
  });
});

function user(id: number) {
  return { id, vendor: 'akana', email: 'twice@akana.example', username: null, name: '', status: 'pending', createdAt: 0, updatedAt: 0, activatedAt: null, passwordHash: null, mfaSecret: null, passwordVersion: 0, failedLogins: 0, lockedUntil: 0 };
}
