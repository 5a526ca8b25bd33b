import fs from 'node:fs';
import path from 'node:path';
import { compiledSpecs } from '../support/harness';
import { startMock, type RunningMock } from '../../mock-server/server';
import type { StateFs } from '../../mock-server/state/state-file';
import { tempMocks } from '../support/temp-mocks';

const tmp = tempMocks('authmock-save-fail-');

/** fs.promises whose `open` and `mkdir` fail with `code` while it is set: a full disk, a folder that cannot be written or made. */
function injectedFs(): { fsys: StateFs; fail(code: string | undefined): void } {
  let code: string | undefined;
  const failing = <F extends (...args: never[]) => Promise<unknown>>(real: F): F =>
    ((...args: Parameters<F>) => (code ? Promise.reject(Object.assign(new Error(`${code}: injected failure, ${String(args[0])}`), { code })) : real(...args))) as F;
  const fsys: StateFs = { ...fs.promises, open: failing(fs.promises.open), mkdir: failing(fs.promises.mkdir) };
  return { fsys, fail: (c) => (code = c) };
}

async function start(file: string, stateFs?: StateFs): Promise<RunningMock> {
  const mock = await startMock({ port: 0, host: '127.0.0.1', specs: await compiledSpecs(), stateFile: file, stateFs, logger: { warn: () => undefined, error: () => undefined } });
  tmp.keep(mock);
  return mock;
}

const json = (url: string, method: string, body?: unknown, type = 'application/json') =>
  fetch(url, { method, headers: { 'content-type': type }, body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : String(body) });
const health = async (url: string) => (await (await fetch(`${url}/__admin/health`)).json()) as { status: string; state: { acceptsChanges: boolean; failure: { reason: string } | null } };
async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A change in each API while saves fail, and the envelope its 503 must come in. */
const CHANGES: [string, (url: string) => Promise<Response>, (body: unknown) => void][] = [
  ['the admin API', (url) => json(`${url}/__admin/users`, 'POST', { vendor: 'akana', email: 'refused@akana.example', password: 'password-1' }), (b) => expect(b).toMatchObject({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: expect.stringContaining('state') })],
  ['Edge Impulse', (url) => json(`${url}/v1/api-login`, 'POST', { username: 'nobody', password: 'password-1' }), (b) => expect(b).toMatchObject({ success: false, error: expect.stringContaining('state') })],
  ['EMnify', (url) => json(`${url}/api/v1/authenticate`, 'POST', { username: 'nobody@emnify.example', password: 'x' }), (b) => expect(b).toMatchObject({ error_code: 503, error_token: 'ServiceUnavailable', message: expect.stringContaining('state') })],
  ['Akana', (url) => json(`${url}/api/users/resendActivation`, 'POST', 'emailAddress=nobody%40akana.example', 'application/x-www-form-urlencoded'), (b) => expect(b).toMatchObject({ code: 503, message: expect.stringContaining('state') })],
];

describe('a state file that cannot be saved', () => {
  test.each([
    ['a full disk', 'ENOSPC'],
    ['a folder that cannot be written', 'EACCES'],
    ['a removed folder that cannot be made again', 'ENOENT'],
  ])('with %s, changes answer 503 with Retry-After in each API\'s envelope, reads go on, health says why, and a later save lifts it', async (_case, code) => {
    const file = path.join(tmp.dir, 'state.json');
    const { fsys, fail } = injectedFs();
    const mock = await start(file, fsys);
    expect(await health(mock.url)).toMatchObject({ status: 'ok', state: { acceptsChanges: true, failure: null } });

    fail(code);
    // The change whose save fails was answered before the save: the ones after it are refused.
    expect((await json(`${mock.url}/__admin/users`, 'POST', { vendor: 'akana', email: 'first@akana.example', password: 'password-1' })).status).toBe(201);
    await until(async () => (await health(mock.url)).status === 'failing');
    expect((await health(mock.url)).state).toMatchObject({ acceptsChanges: false, failure: { reason: expect.stringContaining(code) } });

    for (const [api, send, envelope] of CHANGES) {
      const res = await send(mock.url);
      expect({ api, status: res.status, retryAfter: Number(res.headers.get('retry-after')) >= 1 }).toEqual({ api, status: 503, retryAfter: true });
      expect(res.headers.get('content-type')?.startsWith('application/problem+json')).toBe(api === 'the admin API');
      envelope(await res.json());
    }
    const read = await fetch(`${mock.url}/__admin/users?email=first@akana.example`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { users: unknown[] }).users).toHaveLength(1);

    fail(undefined);
    // Nothing asks for it: the background retry saves, and changes are accepted again.
    await until(async () => (await health(mock.url)).status === 'ok');
    expect((await json(`${mock.url}/__admin/users`, 'POST', { vendor: 'akana', email: 'after@akana.example', password: 'password-1' })).status).toBe(201);
    expect(fs.readdirSync(tmp.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    await mock.close();
    expect(mock.saveFailure).toBeUndefined();
    expect(fs.readFileSync(file, 'utf8')).toContain('first@akana.example');
    expect(fs.readFileSync(file, 'utf8')).toContain('after@akana.example');
  });

  test('a removed folder is made again at the next save, and the change is kept', async () => {
    const folder = path.join(tmp.dir, 'kept');
    const file = path.join(folder, 'state.json');
    const mock = await start(file);
    fs.rmSync(folder, { recursive: true, force: true });
    expect((await json(`${mock.url}/__admin/users`, 'POST', { vendor: 'akana', email: 'again@akana.example', password: 'password-1' })).status).toBe(201);
    await until(async () => fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes('again@akana.example'));
    expect(await health(mock.url)).toMatchObject({ status: 'ok' });
  });

  test('a close whose last save failed says why, and leaves no temporary file', async () => {
    const file = path.join(tmp.dir, 'state.json');
    const { fsys, fail } = injectedFs();
    const mock = await start(file, fsys);
    fail('ENOSPC');
    await json(`${mock.url}/__admin/users`, 'POST', { vendor: 'akana', email: 'lost@akana.example', password: 'password-1' });
    tmp.forget(mock);
    await mock.close();
    expect(mock.saveFailure).toContain('ENOSPC');
    expect(fs.readdirSync(tmp.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  test('without a state file, health says the state is in memory', async () => {
    const mock = await startMock({ port: 0, host: '127.0.0.1', specs: await compiledSpecs() });
    tmp.keep(mock);
    expect(await health(mock.url)).toEqual({ status: 'ok', state: { storage: 'memory', file: null, acceptsChanges: true, lastSavedAt: null, failure: null } });
  });
});
