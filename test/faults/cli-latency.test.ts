import { spawn } from 'node:child_process';
import path from 'node:path';

// The compiled CLI, as `npm start` runs it (npm test builds first).
const MAIN = path.join(__dirname, '..', '..', 'dist', 'mock-server', 'main.js');

function start(args: string[]) {
  const child = spawn(process.execPath, [MAIN, '--port', '0', '--host', '127.0.0.1', ...args], { env: { ...process.env, PORT: '', HOST: '', AUTHMOCK_CONFIG: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = /listening on (http:\/\/localhost:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    void exited.then(() => reject(new Error(`exited before listening:\n${out}`)));
  });
  // Tests that expect a refusal never wait for the URL.
  url.catch(() => undefined);
  return { child, url, exited, output: () => out };
}

describe('authmock --latency', () => {
  test('delays every vendor request by at least that much, and the admin API not at all', async () => {
    const p = start(['--latency', '150']);
    try {
      const base = await p.url;
      const login = () => fetch(`${base}/v1/api-login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'nobody-here', password: 'wrong-password' }) });
      await login();
      const started = performance.now();
      const res = await login();
      expect(res.status).toBe(200);
      // A lower bound only: how late a timer fires depends on the machine.
      expect(performance.now() - started).toBeGreaterThanOrEqual(148);
      const admin = await fetch(`${base}/__admin/faults`);
      expect(admin.status).toBe(200);
    } finally {
      p.child.kill('SIGKILL');
    }
  });

  test.each(['fast', '300-50', '70000'])('--latency %s is refused with a clear message', async (value) => {
    const p = start(['--latency', value]);
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain(`authmock: Invalid latency '${value}'`);
  });
});
