import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runContract } from '../../contracts/cli';
import { stubServer, type StubReply, type StubServer } from '../support/stub-server';

// Whole `authmock contract` runs (the built CLI) against stub servers, reading every output they leave.
const CLI = path.join(__dirname, '..', '..', 'dist', 'mock-server', 'cli.js');

interface Run {
  code: number | null;
  /** Console output, JUnit file, JSON report and the suites' own reports, by name. */
  outputs: Record<string, string>;
}

async function contractRun(args: string[], env: Record<string, string>): Promise<Run> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authmock-contract-'));
  const files = { junit: path.join(dir, 'junit.xml'), report: path.join(dir, 'report.json'), suites: path.join(dir, 'suites') };
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, CONTRACT_JUNIT: files.junit, CONTRACT_REPORT: files.report, CONTRACT_REPORT_DIR: files.suites };
  for (const key of ['CONTRACT_BASE_URL', 'CONTRACT_EDGE_IMPULSE_URL', 'CONTRACT_EMNIFY_URL', 'CONTRACT_AKANA_URL', 'CONTRACT_EDGE_IMPULSE_JWT', 'CONTRACT_EMNIFY_USERNAME', 'CONTRACT_EMNIFY_PASSWORD', 'CONTRACT_ALLOW_WRITES']) {
    if (!(key in env)) delete childEnv[key];
  }
  const child = spawn(process.execPath, [CLI, 'contract', ...args], { env: childEnv });
  let console = '';
  child.stdout.on('data', (d) => (console += String(d)));
  child.stderr.on('data', (d) => (console += String(d)));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const outputs: Record<string, string> = { console };
  for (const [name, file] of [['junit', files.junit], ['report', files.report]] as const) outputs[name] = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (fs.existsSync(files.suites)) for (const f of fs.readdirSync(files.suites)) outputs[`suites/${f}`] = fs.readFileSync(path.join(files.suites, f), 'utf8');
  fs.rmSync(dir, { recursive: true, force: true });
  return { code, outputs };
}

const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJsZWFreSJ9.bGVha3ktc2lnbmF0dXJlLTkxMjM';
const CREDENTIAL_JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaS1hY2NvdW50In0.Y2ktc2lnbmF0dXJlLTQ0MjE';
const SECRETS = {
  jwt: JWT,
  authToken: 'AUTH-SECRET-7f3a91',
  refreshToken: 'REFRESH-SECRET-9b2c44',
  password: 'PASSWORD SECRET 5d1e',
  code: 'CODE-SECRET-4a8b20',
  mfaToken: 'MFA-SECRET-0c1d55',
  cookie: 'COOKIE-SECRET-2c6d71',
  authorization: 'BEARER-SECRET-8e0f12',
  mailCode: 'MAIL-CODE-SECRET-6a6a',
  credentialJwt: CREDENTIAL_JWT,
  credentialPassword: 'PLAIN-PASSWORD-3b7a99',
};

// A server that answers everything with a body full of secrets, and has an authmock-like admin API with tenants.
// Edge Impulse's schemas allow the extra fields, so there the secrets reach the suites' own assertions
// (a toEqual diff); EMnify's and Akana's schemas refuse them, so there they reach the matcher's messages.
function leaky(_method: string, url: string): StubReply {
  const path = url.replace(/^\/__tenants\/[^/]+/, '');
  if (path.startsWith('/__admin/users?')) return { status: 200, body: { users: [] } };
  if (url === '/__admin/tenants') return { status: 200, body: { tenants: [] } };
  if (url.startsWith('/__admin/tenants/')) return { status: 204 };
  if (path.startsWith('/__admin/mailbox')) return { status: 200, body: { messages: [{ code: SECRETS.mailCode }] } };
  if (path.startsWith('/__admin/')) return { status: 201, body: { id: 1, activationCode: SECRETS.mailCode } };
  return {
    status: 200,
    headers: { 'Set-Cookie': [`jwt=${SECRETS.cookie}; Path=/; HttpOnly`], Authorization: `Bearer ${SECRETS.authorization}` },
    body: {
      success: true,
      token: SECRETS.jwt,
      auth_token: SECRETS.authToken,
      refresh_token: { value: SECRETS.refreshToken },
      password: SECRETS.password,
      code: SECRETS.code,
      mfa_token: SECRETS.mfaToken,
      note: `set-cookie: jwt=${SECRETS.cookie}; authorization: Bearer ${SECRETS.authorization}`,
    },
  };
}

describe('a contract run against a server whose violating answers are full of secrets', () => {
  let server: StubServer;
  let run: Run;
  beforeAll(async () => {
    server = await stubServer(leaky);
    run = await contractRun(['--target', server.url], { CONTRACT_EDGE_IMPULSE_JWT: CREDENTIAL_JWT, CONTRACT_EMNIFY_USERNAME: 'ci@emnify.example', CONTRACT_EMNIFY_PASSWORD: SECRETS.credentialPassword });
  }, 120_000);
  afterAll(() => server.close());

  test('fails, naming the violations', () => {
    expect(run.code).toBe(1);
    expect(run.outputs.console).toContain('to satisfy the spec, but it answered 200, which breaks it in');
    expect(run.outputs.junit).toContain('<failure');
    const report = JSON.parse(run.outputs.report) as { totals: { violations: number }; verdict: { violated: number }; tests: { vendor: string }[] };
    expect(report.totals.violations).toBeGreaterThan(0);
    expect(report.verdict.violated).toBeGreaterThan(0);
    expect(new Set(report.tests.map((t) => t.vendor))).toEqual(new Set(['akana', 'edge-impulse', 'emnify']));
    expect(run.outputs.console.trim().split('\n').at(-1)).toMatch(/^contract: \d+ passed, [1-9]\d* violated, \d+ skipped$/);
  });

  test.each(Object.entries(SECRETS))('no output holds the planted %s', (_name, secret) => {
    for (const [output, text] of Object.entries(run.outputs)) {
      expect({ output, leaks: text.includes(secret) }).toEqual({ output, leaks: false });
    }
  });

  test('the redacted values are marked as such, so the outputs still say which field was wrong', () => {
    expect(run.outputs.console).toContain('[redacted]');
    expect(run.outputs.console).toContain('received: "[redacted]"');
    expect(run.outputs.console).toContain('"password":"[redacted]"');
    expect(run.outputs.junit).toContain('[redacted]');
  });

  test('the flow tier ran in a fresh tenant of its own, dropped at the end; the other tiers on the target as given', () => {
    const tenant = /^POST \/__tenants\/(contract-[^/]+)\/__admin\/users$/.exec(server.requests.find((r) => /^POST \/__tenants\/contract-[^/]+\/__admin\/users$/.test(r)) ?? '')?.[1];
    expect(tenant).toBeDefined();
    expect(server.requests).toContain(`POST /__tenants/${tenant}/v1/api-login`);
    expect(server.requests).toContain('POST /v1/api-login');
    expect(server.requests.filter((r) => r.includes('/__admin/users') && r.startsWith('POST'))).toEqual(server.requests.filter((r) => r.startsWith(`POST /__tenants/${tenant}/__admin/users`)));
    expect(server.requests.at(-1)).toBe(`DELETE /__admin/tenants/${tenant}`);
  });
});

describe('stale credentials fail the run loudly', () => {
  let server: StubServer | undefined;
  afterEach(() => server?.close());

  test('wrong EMnify credentials: one clear line, the credentialed tier skipped, no crash', async () => {
    server = await stubServer((method, url) => (url === '/api/v1/authenticate' ? { status: 401 } : { status: 404 }));
    const run = await contractRun(['--target', server.url, '--vendor', 'emnify', '--tiers', 'credentialed'], { CONTRACT_EMNIFY_USERNAME: 'ci@emnify.example', CONTRACT_EMNIFY_PASSWORD: 'stale-password' });
    expect(run.code).toBe(1);
    expect(run.outputs.console).toContain('credentials for emnify were refused (401): check CONTRACT_EMNIFY_USERNAME and CONTRACT_EMNIFY_PASSWORD');
    expect(run.outputs.console).not.toMatch(/TypeError|Cannot read properties/);
    expect(run.outputs.junit).toContain('the emnify credentials are accepted');
    expect((JSON.parse(run.outputs.report) as { skipped: unknown[] }).skipped).toContainEqual({ vendor: 'emnify', tier: 'credentialed', reason: 'the credentials were refused' });
    // One authenticate call proves the credentials; none follows that could lock the account.
    expect(server.requests.filter((r) => r === 'POST /api/v1/authenticate')).toHaveLength(1);
  }, 120_000);
});

describe('the kit is handed its target', () => {
  test.each([
    ['no target', ['--vendor', 'akana'], 'no target: give --target URL, or set CONTRACT_BASE_URL or CONTRACT_<VENDOR>_URL'],
    ['a bad URL, redacted', ['--admin', 'https://ci:hunter22@ exa mple'], "--admin 'https://ci:[redacted]@ exa mple' is not a URL"],
    ['an unknown option', ['--targte', 'http://127.0.0.1:1'], "Unknown option '--targte'"],
    ['an unknown vendor', ['--target', 'http://127.0.0.1:1', '--vendor', 'nobody'], "Unknown vendor 'nobody'"],
    ['an unknown tier', ['--target', 'http://127.0.0.1:1', '--tiers', 'public,smoke'], 'unknown tiers: smoke'],
    ['a bad timeout', ['--target', 'http://127.0.0.1:1', '--timeout', 'soon'], "--timeout 'soon' is not a positive number of seconds"],
    ['a bad retry count', ['--target', 'http://127.0.0.1:1', '--retries', '1.5'], "--retries '1.5' is not a whole number"],
  ])('%s is a usage error: exit 2 with one line, before anything is called', async (_label, args, line) => {
    const saved = { ...process.env };
    for (const key of Object.keys(process.env)) if (key.startsWith('CONTRACT_')) delete process.env[key];
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((text: string) => void errors.push(text));
    try {
      expect(await runContract(args)).toBe(2);
      expect(errors.join('\n')).toContain(line);
      expect(errors.join('\n')).not.toContain('hunter22');
    } finally {
      spy.mockRestore();
      process.env = saved;
    }
  });
});
