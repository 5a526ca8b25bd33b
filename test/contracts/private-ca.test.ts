import { spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

// A staging behind a private CA: the kit trusts it through NODE_EXTRA_CA_CERTS, which Node
// reads at start, so the built CLI runs as a child. test/support/tls holds a CA certificate
// and a server certificate for 127.0.0.1 signed by it (made once with openssl, valid until
// 2126; the CA's key was thrown away, so nothing else can be signed with it).
const TLS = path.join(__dirname, '..', 'support', 'tls');
const CLI = path.join(__dirname, '..', '..', 'dist', 'mock-server', 'cli.js');

let server: https.Server;
let url: string;

beforeAll(async () => {
  server = https.createServer({ key: fs.readFileSync(path.join(TLS, 'server-key.pem')), cert: fs.readFileSync(path.join(TLS, 'server.pem')) }, (req, res) => {
    req.resume();
    // Akana's documented answer to resendActivation; everything else is no concern here.
    req.on('end', () => res.writeHead(200, { 'Cache-Control': 'no-cache' }).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));

function contract(extraEnv: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authmock-ca-'));
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  for (const key of Object.keys(env)) if (/^CONTRACT_|^GITHUB_|proxy$/i.test(key) || key === 'NODE_EXTRA_CA_CERTS') if (!(key in extraEnv)) delete env[key];
  const child = spawn(process.execPath, [CLI, 'contract', '--target', url, '--vendor', 'akana', '--tiers', 'public', '--junit', path.join(dir, 'j.xml'), '--report', path.join(dir, 'r.json')], { env });
  let output = '';
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ code, output });
    }),
  );
}

test('without the CA the target cannot be reached, and the run says why', async () => {
  const run = await contract({});
  expect(run.code).toBe(1);
  expect(run.output).toContain(`✗ akana › the akana target can be reached\n    ${url} cannot be reached (UNABLE_TO_VERIFY_LEAF_SIGNATURE)`);
}, 60_000);

test('with NODE_EXTRA_CA_CERTS naming the CA, the calls go through', async () => {
  const run = await contract({ NODE_EXTRA_CA_CERTS: path.join(TLS, 'ca.pem') });
  expect(run.output).not.toContain('cannot be reached');
  expect(run.output).toContain('✓ akana › public tier: every operation, changing no account › resendActivation for an unknown address');
}, 60_000);
