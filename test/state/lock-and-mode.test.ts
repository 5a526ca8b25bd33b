import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { compiledSpecs } from '../support/harness';
import { startMock, type RunningMock } from '../../mock-server/server';
import { tempMocks } from '../support/temp-mocks';

// The compiled server, as `npm start` runs it; `npm test` builds it first.
const MAIN = path.join(__dirname, '..', '..', 'dist', 'mock-server', 'main.js');

const tmp = tempMocks('authmock-lock-');

async function start(file: string): Promise<RunningMock> {
  const mock = await startMock({ port: 0, host: '127.0.0.1', specs: await compiledSpecs(), stateFile: file, logger: { warn: () => undefined, error: () => undefined } });
  tmp.keep(mock);
  return mock;
}
const addUser = (url: string, email: string) => fetch(`${url}/__admin/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ vendor: 'akana', email, password: 'password-1' }) });
const modeOf = (file: string): string => (fs.statSync(file).mode & 0o777).toString(8);

describe('the state file\'s mode', () => {
  test('a file the mock creates is 600, and so is its log', async () => {
    const file = path.join(tmp.dir, 'state.json');
    const mock = await start(file);
    expect(modeOf(file)).toBe('600');
    expect((await addUser(mock.url, 'a@akana.example')).status).toBe(201);
    const deadline = Date.now() + 10_000;
    while (!fs.existsSync(`${file}.log`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(modeOf(`${file}.log`)).toBe('600');
  });

  test.each(['600', '640', '644'])('a file of mode %s keeps it across saves and the rewrite at shutdown', async (mode) => {
    const file = path.join(tmp.dir, 'state.json');
    const first = await start(file);
    tmp.forget(first);
    await first.close();
    fs.chmodSync(file, parseInt(mode, 8));
    const mock = await start(file);
    for (let i = 0; i < 3; i++) expect((await addUser(mock.url, `m${i}@akana.example`)).status).toBe(201);
    tmp.forget(mock);
    await mock.close();
    expect(fs.readFileSync(file, 'utf8')).toContain('m2@akana.example');
    expect(modeOf(file)).toBe(mode);
  });
});

describe('one process per state file', () => {
  test('a second mock on the same file is refused with one line naming the file and the process that holds it', async () => {
    const file = path.join(tmp.dir, 'state.json');
    await start(file);
    const second = spawnSync(process.execPath, [MAIN, '--port', '0', '--state', file], { encoding: 'utf8', timeout: 20_000 });
    expect(second.status).toBe(1);
    const lines = second.stderr.trim().split('\n');
    expect(lines).toEqual([`authmock: The state file ${file} is in use by process ${process.pid} (lock ${file}.lock): stop that mock, or give this one another --state file`]);
  });

  test('in one process too, a second start on the same file is refused, and the first one\'s state is untouched', async () => {
    const file = path.join(tmp.dir, 'state.json');
    const first = await start(file);
    expect((await addUser(first.url, 'kept@akana.example')).status).toBe(201);
    await expect(start(file)).rejects.toThrow(`is in use by process ${process.pid}`);
    tmp.forget(first);
    await first.close();
    expect(fs.readFileSync(file, 'utf8')).toContain('kept@akana.example');
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  test('a lock left by a process that is gone is taken over', async () => {
    const file = path.join(tmp.dir, 'state.json');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    fs.writeFileSync(`${file}.lock`, `${gone.stdout}\n`);
    const mock = await start(file);
    expect(fs.readFileSync(`${file}.lock`, 'utf8').trim()).toBe(String(process.pid));
    expect((await addUser(mock.url, 'taken@akana.example')).status).toBe(201);
  });
});

describe('shutdown', () => {
  test('SIGTERM after a failed save exits 1 with one line naming the file and the reason', async () => {
    const folder = path.join(tmp.dir, 'sub');
    const file = path.join(folder, 'state.json');
    const child = spawn(process.execPath, [MAIN, '--port', '0', '--state', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    // A real failure, no tmpfs needed: the folder becomes a file, so nothing can be written under it.
    fs.rmSync(folder, { recursive: true, force: true });
    fs.writeFileSync(folder, 'not a folder');
    expect((await addUser(url, 'unsaved@akana.example')).status).toBe(201);
    const deadline = Date.now() + 10_000;
    while ((await (await fetch(`${url}/__admin/health`)).json()).status !== 'failing' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(err.trim().split('\n').filter((l) => l.includes('at shutdown'))).toEqual([expect.stringMatching(new RegExp(`^authmock: the state file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} was not saved at shutdown: E[A-Z]+: `))]);
  }, 30_000);
});

describe('a log with nothing in it', () => {
  // A kill right after a compaction leaves an empty log beside the new file; no later save would remove it.
  test.each([
    ['an empty log', ''],
    ['a log torn before its first line was whole', '{"base":"'],
  ])('%s is removed at start, and the users in the file are kept', async (_label, text) => {
    const file = path.join(tmp.dir, 'state.json');
    const first = await start(file);
    expect((await addUser(first.url, 'kept@akana.example')).status).toBe(201);
    tmp.forget(first);
    await first.close();
    fs.writeFileSync(`${file}.log`, text, { mode: 0o600 });
    const mock = await start(file);
    expect(fs.existsSync(`${file}.log`)).toBe(false);
    const users = (await (await fetch(`${mock.url}/__admin/users?email=kept@akana.example`)).json()) as { users: unknown[] };
    expect(users.users).toHaveLength(1);
    tmp.forget(mock);
    await mock.close();
    expect(fs.readdirSync(tmp.dir).filter((n) => n.startsWith('state.json'))).toEqual(['state.json']);
  });
});
