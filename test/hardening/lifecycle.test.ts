import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { createConsoleLogger } from '../../mock-server/http/logger';
import { startMock, type RunningMock } from '../../mock-server/server';
import { compiledSpecs } from '../support/harness';

// End to end on the compiled server, as `npm start` runs it (npm test builds first).
const ROOT = path.join(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'dist', 'mock-server', 'main.js');

function run(command: string, args: string[], env: Record<string, string> = {}): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, PORT: '0', HOST: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(read: () => string, pattern: RegExp, ms = 20_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    const m = read().match(pattern);
    if (m) return m;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${pattern}; output so far:\n${read()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A request whose body is only half sent: in flight until `finish()` sends the rest. */
function slowRequest(port: number, path: string, body: string): { finish(): void; response: Promise<string> } {
  const socket = net.connect(port, '127.0.0.1');
  const half = Math.floor(body.length / 2);
  socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`);
  let text = '';
  socket.on('data', (d) => (text += String(d)));
  const response = new Promise<string>((resolve) => socket.on('close', () => resolve(text)));
  return { finish: () => socket.write(body.slice(half)), response };
}

/** Every process below `pid` (children first found, then theirs), so a test can end all it started. */
function descendants(pid: number): number[] {
  let direct: number[] = [];
  try {
    direct = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean);
  } catch {
    // ps exits 1 when there is none.
  }
  return direct.flatMap((child) => [child, ...descendants(child)]);
}

const LOGIN = JSON.stringify({ username: 'margret-sporer', password: 'salty-scout-39' });

describe('shutdown of the server process', () => {
  test('SIGTERM with a slow request in flight: the request completes, then the process exits 0', async () => {
    const p = run(process.execPath, [MAIN, '--port', '0']);
    try {
      const [, port] = await waitFor(p.output, /listening on http:\/\/localhost:(\d+)/);
      const slow = slowRequest(Number(port), '/v1/api-login', LOGIN);
      await new Promise((r) => setTimeout(r, 100));
      p.child.kill('SIGTERM');
      await waitFor(p.output, /SIGTERM: closing authmock/);
      // New connections are refused while the slow one is still served.
      await expect(fetch(`http://127.0.0.1:${port}/__admin/users`)).rejects.toThrow();
      slow.finish();
      expect(await slow.response).toMatch(/^HTTP\/1\.1 200 [\s\S]*"success":true/);
      expect(await p.exited).toBe(0);
    } finally {
      p.child.kill('SIGKILL');
    }
  });

  test('npm start leaves no process behind after SIGTERM', async () => {
    const p = run('npm', ['start', '--silent', '--', '--port', '0']);
    try {
      await waitFor(p.output, /listening on http:\/\/localhost:\d+/);
      const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(p.child.pid)], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean);
      expect(children.length).toBeGreaterThan(0);
      p.child.kill('SIGTERM');
      await p.exited;
      const deadline = Date.now() + 7000;
      while (children.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(children.filter(alive)).toEqual([]);
    } finally {
      // A start that timed out (a slow build first) must not leave its processes running.
      for (const pid of descendants(p.child.pid!)) if (alive(pid)) process.kill(pid, 'SIGKILL');
      p.child.kill('SIGKILL');
    }
  });
});

describe('closing a running mock', () => {
  let mock: RunningMock;
  const lines: string[] = [];
  const out = { log: (m: string) => lines.push(m), error: (m: string) => lines.push(`ERROR ${m}`) };
  beforeEach(async () => {
    lines.length = 0;
    mock = await startMock({ port: 0, host: '127.0.0.1', specs: await compiledSpecs(), logger: createConsoleLogger('debug', out) });
  });
  afterEach(() => mock.close(100));

  test('runs onClose hooks, which end long-lived responses, and then resolves', async () => {
    const port = Number(new URL(mock.url).port);
    // A response that would never end by itself, as an event stream or a long poll.
    const hanging = slowRequest(port, '/v1/api-login', LOGIN);
    await new Promise((r) => setTimeout(r, 50));
    let ended = false;
    mock.onClose(() => {
      ended = true;
      hanging.finish();
    });
    const unregistered = jest.fn();
    mock.onClose(unregistered)();
    await mock.close();
    expect(ended).toBe(true);
    expect(unregistered).not.toHaveBeenCalled();
    expect(await hanging.response).toMatch(/^HTTP\/1\.1 200/);
  });

  test('a request still unfinished after the grace period is cut, and close still resolves', async () => {
    const port = Number(new URL(mock.url).port);
    const stuck = slowRequest(port, '/v1/api-login', LOGIN);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await mock.close(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(await stuck.response).toBe('');
  });

  test('a client that disconnects is a debug line, not an error, and no body reaches the log', async () => {
    const port = Number(new URL(mock.url).port);
    const socket = net.connect(port, '127.0.0.1');
    socket.write(`POST /v1/api-login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"username":"someone","password":"hunter2-secret`);
    await new Promise((r) => setTimeout(r, 100));
    socket.destroy();
    await fetch(`${mock.url}/v1/api-login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"username":"x","password":"hunter2-secret-too' });
    await fetch(`${mock.url}/api/users/resendActivation`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'emailAddress=a%40b.example&password=hunter2-secret-form' });
    await new Promise((r) => setTimeout(r, 100));
    expect(lines.filter((l) => l.startsWith('ERROR'))).toEqual([]);
    expect(lines).toContainEqual(expect.stringMatching(/^debug: client closed the connection before the answer to POST \/v1\/api-login/));
    expect(lines).toContainEqual(expect.stringMatching(/^debug: POST \/v1\/api-login 400/));
    expect(lines.join('\n')).not.toContain('hunter2');
  });
});
