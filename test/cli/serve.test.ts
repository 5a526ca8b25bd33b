import { FIXTURE_ACCOUNTS } from '../../fixtures';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_HOST, DEFAULT_PORT } from '../../mock-server/main';

// End to end: the compiled CLI as `npm start` runs it (npm test builds first).
const MAIN = path.join(__dirname, '..', '..', 'dist', 'mock-server', 'main.js');

function start(args: string[], env: Record<string, string> = {}): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, PORT: '', HOST: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(read: () => string, pattern: RegExp, ms = 10_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    const m = read().match(pattern);
    if (m) return m;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${pattern}; output so far:\n${read()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('authmock serve', () => {
  test.each([
    ['the --port and --host flags', ['--port', '0', '--host', '127.0.0.1'], {}],
    ['the PORT and HOST environment variables', [], { PORT: '0', HOST: '127.0.0.1' }],
    ['flags over the environment', ['--port', '0'], { PORT: 'not-a-port', HOST: '127.0.0.1' }],
  ])('listens where %s say, prints the seeded accounts and URLs, and closes on SIGTERM', async (_label, args, env) => {
    const p = start(args, env);
    try {
      const [, url] = await waitFor(p.output, /listening on (http:\/\/localhost:\d+) \(127\.0\.0\.1\)/);
      await waitFor(p.output, /Seeded accounts:[\s\S]*salty-scout-39/);
      expect(p.output()).toContain(`${url}/__admin/mailbox`);
      const res = await fetch(`${url}/__admin/users?vendor=akana`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { users: unknown[] }).users).toHaveLength(FIXTURE_ACCOUNTS.filter((a) => a.vendor === 'akana').length);
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      expect(p.output()).toContain('SIGTERM: closing authmock');
    } finally {
      p.child.kill('SIGKILL');
    }
  });

  test('SIGINT closes it cleanly too', async () => {
    const p = start(['--port', '0']);
    try {
      await waitFor(p.output, /listening on/);
      p.child.kill('SIGINT');
      expect(await p.exited).toBe(0);
    } finally {
      p.child.kill('SIGKILL');
    }
  });

  test('an invalid port is refused with a clear message', async () => {
    const p = start(['--port', 'eighty']);
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain("authmock: Invalid port 'eighty'");
  });

  test('--config applies a JSON settings file', async () => {
    const file = path.join(os.tmpdir(), `authmock-config-${process.pid}.json`);
    fs.writeFileSync(file, JSON.stringify({ apis: { akana: { resendPerAddress: { limit: 1, windowMs: 60000 } } } }));
    const p = start(['--port', '0', '--config', file]);
    try {
      const [, url] = await waitFor(p.output, /listening on (http:\/\/localhost:\d+) \(127\.0\.0\.1( and \[::1\])?\)/);
      const send = () => fetch(`${url}/api/users/resendActivation`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'emailAddress=a%40b.example' });
      expect((await send()).status).toBe(200);
      expect((await send()).status).toBe(429);
    } finally {
      p.child.kill('SIGKILL');
      fs.rmSync(file, { force: true });
    }
  });

  test.each([
    ['a missing file', '/nonexistent/authmock.json', 'Cannot read the config file /nonexistent/authmock.json'],
    ['a file that is not JSON', 'NOT_JSON', 'is not valid'],
  ])('--config with %s is refused with a clear message', async (_label, name, message) => {
    let file = name;
    if (name === 'NOT_JSON') {
      file = path.join(os.tmpdir(), `authmock-bad-${process.pid}.json`);
      fs.writeFileSync(file, '{ nope');
    }
    const p = start(['--port', '0', '--config', file]);
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain(message);
  });

  test('without --host it answers on 127.0.0.1 and, with IPv6, on [::1] at the port the banner names', async () => {
    const p = start(['--port', '0']);
    try {
      const [, url, port, addresses] = await waitFor(p.output, /listening on (http:\/\/localhost:(\d+)) \(([^)]*)\)/);
      expect(['127.0.0.1', '127.0.0.1 and [::1]']).toContain(addresses);
      const hosts = addresses.split(' and ');
      for (const host of hosts) expect((await fetch(`http://${host}:${port}/__admin/users?vendor=akana`)).status).toBe(200);
      expect((await fetch(`${url}/__admin/users?vendor=akana`)).status).toBe(200);
    } finally {
      p.child.kill('SIGKILL');
    }
  });

  test('a busy port stops the start with one line naming the port and --port', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', () => resolve()));
    const { port } = holder.address() as AddressInfo;
    try {
      const p = start(['--port', String(port)]);
      expect(await p.exited).toBe(1);
      const lines = p.output().trim().split('\n');
      expect(lines).toEqual([`authmock: Port ${port} is already in use on 127.0.0.1: stop what listens there, or give another with --port (--port 0 picks a free one)`]);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  test('the default address is 127.0.0.1:4010', () => {
    expect(`${DEFAULT_HOST}:${DEFAULT_PORT}`).toBe('127.0.0.1:4010');
  });
});
