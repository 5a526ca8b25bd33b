import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { exposureWarning } from '../../mock-server/main';

// The compiled bin, as `npx authmock` runs it (npm test builds first).
const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'mock-server', 'cli.js');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const cli = (...args: string[]): string => execFileSync(CLI, args, { encoding: 'utf8', env: { ...process.env, PORT: '', HOST: '' } });

function serve(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, PORT: '', HOST: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stdout = '';
    child.stdout.on('data', (d) => {
      output += String(d);
      stdout += String(d);
      // Started: enough seen, close it.
      if (/listening on|127\.0\.0\.1:\d+/.test(stdout) || stdout.includes('Seeded')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d) => (output += String(d)));
    // A quiet server says nothing: it is closed once it answers on its port (or after 20 s),
    // never after a fixed time, which a loaded machine may not have started it within.
    const port = args[args.indexOf('--port') + 1];
    const deadline = Date.now() + 20_000;
    let exited = false;
    const poll = async (): Promise<void> => {
      while (!exited && Date.now() < deadline) {
        const up = await fetch(`http://127.0.0.1:${port}/__admin/health`).then(() => true, () => false);
        if (up) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      if (!exited) child.kill('SIGTERM');
    };
    if (port && port !== '0') void poll();
    const timer = setTimeout(() => child.kill('SIGTERM'), 20_000);
    child.on('exit', (code) => {
      exited = true;
      clearTimeout(timer);
      resolve({ code, output, stdout });
    });
  });
}

/** A port nobody listens on now, for a server that prints no address. */
async function freePort(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return String(port);
}

describe('the authmock bin', () => {
  test('is executable and starts with a node shebang', () => {
    expect(fs.statSync(CLI).mode & 0o111).toBe(0o111);
    expect(fs.readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  test.each([['--version'], ['-v'], ['serve', '--version']])('authmock %s prints the package version', (...args) => {
    expect(cli(...args).trim()).toBe(VERSION);
  });

  test('--help lists every command and every option', () => {
    const help = cli('--help');
    for (const word of ['serve', 'contract', 'help', '--version', '--port', '--host', '--config', '--admin-token', '--log-level', '--quiet', 'AUTHMOCK_ADMIN_TOKEN', 'AUTHMOCK_CONFIG', '--target', '--vendor', '--junit', '--report', '--tiers', '--admin', '--allow-writes']) {
      expect(help).toContain(word);
    }
    expect(cli('help')).toBe(help);
  });

  test('an unknown command names the ones that exist', () => {
    expect(() => execFileSync(CLI, ['frobnicate'], { encoding: 'utf8', stdio: 'pipe' })).toThrow(/Commands: serve, contract, help/);
  });
});

describe('serve flags', () => {
  test('--quiet prints no banner', async () => {
    const r = await serve(['--port', await freePort(), '--host', '127.0.0.1', '--quiet']);
    // Started, stayed silent, and closed cleanly on SIGTERM (without even the closing line).
    expect(r).toEqual({ code: 0, output: '', stdout: '' });
  });

  test('--log-level warn prints no banner either; an unknown level is refused', async () => {
    expect(await serve(['--port', await freePort(), '--host', '127.0.0.1', '--log-level', 'warn'])).toEqual({ code: 0, output: '', stdout: '' });
    const bad = await serve(['--port', '0', '--log-level', 'loud']);
    expect(bad.code).toBe(1);
    expect(bad.output).toContain("Invalid log level 'loud': give one of error, warn, info, debug");
  });

  test('--admin-token (or AUTHMOCK_ADMIN_TOKEN) protects the admin API of the started server', async () => {
    const child = spawn(process.execPath, [CLI, '--port', '0'], { env: { ...process.env, PORT: '', HOST: '', AUTHMOCK_ADMIN_TOKEN: 'tok-123' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      child.stdout.on('data', (d) => (out += String(d)));
      const deadline = Date.now() + 10_000;
      while (!/localhost:(\d+)/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      const url = `http://127.0.0.1:${out.match(/localhost:(\d+)/)![1]}`;
      expect((await fetch(`${url}/__admin/users`)).status).toBe(401);
      expect((await fetch(`${url}/__admin/users`, { headers: { Authorization: 'Bearer tok-123' } })).status).toBe(200);
      expect(out).not.toContain('tok-123');
    } finally {
      child.kill('SIGKILL');
    }
  });

  test.each([
    ['0.0.0.0', null, true],
    ['::', undefined, true],
    ['192.168.1.20', null, true],
    ['0.0.0.0', 'a-token', false],
    ['127.0.0.1', null, false],
    ['::1', null, false],
    ['localhost', null, false],
  ])('listening on %s with admin token %s warns: %s', (host, token, warns) => {
    const warning = exposureWarning(host, token);
    expect(warning !== undefined).toBe(warns);
    if (warning) expect(warning).toContain('anyone on the network can reset the mock');
  });
});
