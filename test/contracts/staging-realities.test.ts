import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runContract } from '../../contracts/cli';
import { SuiteRuntime } from '../../contracts/runner/context';
import { compiledSpecs } from '../support/harness';

// How the CLI copes with what a real staging does: slow answers, busy gateways, dry runs.
type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function serve(handler: Handler): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => handler(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

/** Akana's conforming answers for the public tier's calls (no body, Cache-Control: no-cache). */
const akanaOk: Handler = (_req, res) => res.writeHead(200, { 'Cache-Control': 'no-cache' }).end();

async function cli(args: string[]): Promise<{ code: number; output: string; report?: { retries: unknown[]; verdict: { passed: number } } }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authmock-staging-'));
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (/^CONTRACT_|^GITHUB_|proxy$/i.test(key)) delete process.env[key];
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((text: string) => void lines.push(text));
  const error = jest.spyOn(console, 'error').mockImplementation((text: string) => void lines.push(text));
  try {
    const report = path.join(dir, 'report.json');
    const code = await runContract([...args, '--junit', path.join(dir, 'junit.xml'), '--report', report]);
    return { code, output: lines.join('\n'), report: fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, 'utf8')) : undefined };
  } finally {
    log.mockRestore();
    error.mockRestore();
    process.env = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('a call slower than --timeout fails, naming the operation and the timeout', async () => {
  const server = await serve((req, res) => (req.url === '/api/users/resendActivation' ? undefined : akanaOk(req, res)));
  try {
    const run = await cli(['--target', server.url, '--vendor', 'akana', '--tiers', 'public', '--timeout', '0.3']);
    expect(run.code).toBe(1);
    expect(run.output).toContain(`akana resendActivation (POST ${server.url}/api/users/resendActivation) did not answer within 0.3 s; a slow target needs a longer --timeout`);
  } finally {
    await server.close();
  }
}, 30_000);

test('a gateway’s plain-text 429 with Retry-After is waited out and asked again, and the report counts it', async () => {
  let throttled = 0;
  const server = await serve((req, res) => {
    if (req.url === '/api/users/resendActivation' && throttled < 2) {
      throttled++;
      return res.writeHead(429, { 'Content-Type': 'text/plain', 'Retry-After': '0' }).end('Too Many Requests');
    }
    akanaOk(req, res);
  });
  try {
    const run = await cli(['--target', server.url, '--vendor', 'akana', '--tiers', 'public']);
    // The stub answers only resendActivation as Akana documents it; those tests must pass.
    expect(run.output.split('\n').filter((l) => l.startsWith('✗') && l.includes('resendActivation'))).toEqual([]);
    expect(run.output).toContain('✓ akana › public tier: every operation, changing no account › resendActivation for an unknown address');
    expect(run.report?.retries).toEqual([
      { vendor: 'akana', operationId: 'resendActivation', status: 429, waitedMs: 0 },
      { vendor: 'akana', operationId: 'resendActivation', status: 429, waitedMs: 0 },
    ]);
    expect(run.output).toContain('Retried 2 gateway answer(s)');
  } finally {
    await server.close();
  }
}, 30_000);

test('--retries 0 lets the gateway’s 429 stand, and it is judged as a violation', async () => {
  const server = await serve((_req, res) => res.writeHead(429, { 'Content-Type': 'text/plain', 'Retry-After': '0' }).end('busy'));
  try {
    const run = await cli(['--target', server.url, '--vendor', 'akana', '--tiers', 'public', '--retries', '0']);
    expect(run.code).toBe(1);
    expect(run.report?.retries).toEqual([]);
  } finally {
    await server.close();
  }
}, 30_000);

test('--list calls nothing and names the calls that would change data', async () => {
  const server = await serve(akanaOk);
  try {
    const run = await cli(['--target', server.url, '--list']);
    expect(run.code).toBe(0);
    expect(server.requests).toEqual([]);
    expect(run.output).toContain('Nothing is called');
    expect(run.output).toMatch(/emnify credentialed › user_password_patch changes the password and changes it back: authenticate, user_password_patch — changes the test account’s password \(set back at the end\) \(skipped: set CONTRACT_EMNIFY_USERNAME/);
    expect(run.output).toContain(`\nedge-impulse: target ${server.url}/v1\n`);
  } finally {
    await server.close();
  }
});

test('a run where every test is skipped proves nothing: exit 2, with the verdict last', async () => {
  const server = await serve(akanaOk);
  try {
    const run = await cli(['--target', server.url, '--vendor', 'akana', '--tiers', 'credentialed']);
    expect(run.code).toBe(2);
    expect(run.output.trim().split('\n').at(-1)).toMatch(/^contract: 0 passed, 0 violated, [1-9]\d* skipped$/);
    expect(run.output).toContain('Nothing was checked');
  } finally {
    await server.close();
  }
});

test('a test that calls an operation it does not declare fails, naming both', async () => {
  const server = await serve(akanaOk);
  try {
    const spec = (await compiledSpecs()).get('akana')!;
    const runtime = new SuiteRuntime({ spec, base: server.url, adminHeaders: {}, credentials: {}, client: {} });
    const test = { title: 'sneaky', tier: 'public' as const, tierTitle: 't', options: { calls: ['login'] }, fn: async () => void (await runtime.context.call('resendActivation', { body: { emailAddress: 'a@b.example' }, contentType: 'application/x-www-form-urlencoded' })) };
    expect(await runtime.run(test)).toMatchObject({ status: 'violated', message: "akana suite: test 'sneaky' calls resendActivation, which its calls list (login) does not name" });
    expect(server.requests).toEqual([]);
  } finally {
    await server.close();
  }
});
