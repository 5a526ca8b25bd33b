import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The compiled server, as `npm start` runs it; `npm test` builds it first.
const MAIN = path.join(__dirname, '..', '..', 'dist', 'mock-server', 'main.js');
const ROUNDS = 20;
const SAFE_MS = 200;

/** A small seeded generator, so a failing round can be replayed with the printed seed. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function startChild(file: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, '--port', '0', '--host', '127.0.0.1', '--state', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`the mock exited with ${code} before listening: ${err}`)));
  });
}

const emailsIn = async (url: string): Promise<Set<string>> => {
  const res = await fetch(`${url}/__admin/users?vendor=akana`);
  const body = (await res.json()) as { users: { email: string }[] };
  return new Set(body.users.map((u) => u.email));
};

interface Acknowledged {
  email: string;
  at: number;
}

/**
 * A steady stream of changes (about 150 a second, as busy test suites make them),
 * cut by SIGKILL after `runMs`: the changes the mock acknowledged, each with when,
 * and the moment of the kill.
 */
async function streamThenKill(child: ChildProcess, url: string, prefix: string, runMs: number): Promise<{ acknowledged: Acknowledged[]; killedAt: number }> {
  const acknowledged: Acknowledged[] = [];
  let stop = false;
  const stream = (async () => {
    for (let n = 0; !stop; n++) {
      const email = `${prefix}-${n}@akana.example`;
      const res = await fetch(`${url}/__admin/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ vendor: 'akana', email, password: 'password-1' }) }).catch(() => undefined);
      if (res?.status === 201) acknowledged.push({ email, at: Date.now() });
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  await new Promise((r) => setTimeout(r, runMs));
  const exited = new Promise((r) => child.once('exit', r));
  const killedAt = Date.now();
  child.kill('SIGKILL');
  await exited;
  stop = true;
  await stream;
  return { acknowledged, killedAt };
}

describe('the state file under kill -9', () => {
  let dir: string;
  let current: ChildProcess | undefined;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authmock-kill-'));
  });
  afterAll(() => {
    if (current && current.exitCode === null) current.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test(`after ${ROUNDS} kills at random moments the file always loads and keeps every change acknowledged ${SAFE_MS} ms before the kill`, async () => {
    const seed = Number(process.env.KILL_SEED ?? Date.now() % 100_000);
    const random = seeded(seed);
    const file = path.join(dir, 'state.json');
    let acknowledged: Acknowledged[] = [];
    let killedAt = 0;

    // One start more than kills: the last start checks the last kill.
    for (let round = 0; round <= ROUNDS; round++) {
      const { child, url } = await startChild(file);
      current = child;
      const present = await emailsIn(url);
      const missing = acknowledged.filter((a) => a.at <= killedAt - SAFE_MS && !present.has(a.email));
      expect({ seed, round, missing }).toEqual({ seed, round, missing: [] });
      if (round === ROUNDS) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
        break;
      }

      // A steady stream of changes, cut by SIGKILL at a random moment.
      ({ acknowledged, killedAt } = await streamThenKill(child, url, `r${round}`, 250 + random() * 500));
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    // Temporary files of killed writers are cleared at the next start.
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('state.json') || n.startsWith('.state.json'))).toEqual(['state.json']);
  }, 180_000);

  // 10 MB of state in tenants (parallel workers' worlds), changes streaming into the default world:
  // a save holds only the worlds that changed, so its latency does not follow the state's size.
  test(`with 10 MB of state, ${ROUNDS / 4} kills keep every change acknowledged ${SAFE_MS} ms before the kill`, async () => {
    const seed = Number(process.env.KILL_SEED ?? Date.now() % 100_000);
    const random = seeded(seed);
    const file = path.join(dir, 'big.json');
    let acknowledged: Acknowledged[] = [];
    let killedAt = 0;
    {
      const { child, url } = await startChild(file);
      current = child;
      for (let t = 1; t <= 4; t++) {
        const res = await fetch(`${url}/__tenants/bulk-${t}/__admin/users/bulk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ vendor: 'edge-impulse', count: 8000, password: 'bulk-password' }) });
        expect(res.status).toBe(201);
      }
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    expect(fs.statSync(file).size).toBeGreaterThan(10 * 1024 * 1024);

    for (let round = 0; round <= ROUNDS / 4; round++) {
      const { child, url } = await startChild(file);
      current = child;
      const present = await emailsIn(url);
      const missing = acknowledged.filter((a) => a.at <= killedAt - SAFE_MS && !present.has(a.email));
      expect({ seed, round, missing }).toEqual({ seed, round, missing: [] });
      if (round === ROUNDS / 4) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
        break;
      }
      ({ acknowledged, killedAt } = await streamThenKill(child, url, `big${round}`, 500 + random() * 1000));
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    const tenants = (await (async () => {
      const { child, url } = await startChild(file);
      current = child;
      const body = (await (await fetch(`${url}/__admin/tenants`)).json()) as { tenants: { name: string; users: number }[] };
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      return body.tenants;
    })());
    expect(tenants.map((t) => t.name).sort()).toEqual(['bulk-1', 'bulk-2', 'bulk-3', 'bulk-4']);
  }, 300_000);
});
