import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The compiled CLI, as `npx authmock` runs it (npm test builds first).
const CLI = path.join(__dirname, '..', '..', 'dist', 'mock-server', 'cli.js');

function run(args: string[], config?: unknown): { code: number | null; stdout: string; stderr: string; file: string } {
  const file = path.join(os.tmpdir(), `authmock-config-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  if (config !== undefined) fs.writeFileSync(file, JSON.stringify(config));
  try {
    const r = spawnSync(process.execPath, [CLI, ...args.map((a) => (a === 'FILE' ? file : a))], { encoding: 'utf8', env: { ...process.env, AUTHMOCK_CONFIG: '' }, timeout: 20_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, file };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe('authmock --config and --print-config', () => {
  test('--print-config prints the defaults with the file merged over them, and exits', () => {
    const r = run(['--print-config', '--config', 'FILE'], { journalSize: 50, apis: { emnify: { lockout: { maxFailures: 5 } } } });
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as { journalSize: number; mailboxSize: number; apis: Record<string, Record<string, unknown>> };
    expect(printed.journalSize).toBe(50);
    expect(printed.mailboxSize).toBe(10_000);
    expect(printed.apis.emnify.lockout).toEqual({ maxFailures: 5, lockMs: 300_000 });
    expect(printed.apis.akana.resendPerAddress).toEqual({ limit: 3, windowMs: 600_000 });
  });

  test('--print-config says that a JWT secret and an admin token are set without printing them', () => {
    const r = run(['--print-config', '--config', 'FILE', '--admin-token', 'admin-token-value-1'], { jwtSecret: 'jwt-secret-value-1' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ jwtSecret: '[redacted]', adminToken: '[redacted]' });
    expect(r.stdout).not.toContain('jwt-secret-value-1');
    expect(r.stdout).not.toContain('admin-token-value-1');
  });

  test('--print-config without a file prints the defaults', () => {
    const r = run(['--print-config']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ journalSize: 1000, apis: { 'edge-impulse': { jwtTtlSeconds: 604_800 } } });
  });

  test.each([
    ['a misspelt key', { apis: { emnify: { lockout: { maxFailure: 5 } } } }, "/apis/emnify/lockout/maxFailure: unknown key 'maxFailure' (did you mean 'maxFailures'?)"],
    ['a wrong type', { mailboxSize: '10' }, '/mailboxSize: "10" is not allowed'],
  ])('a file with %s stops the start, naming the file and the pointer', (_label, config, message) => {
    const r = run(['--port', '0', '--config', 'FILE'], config);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`The config file ${r.file} is not a valid configuration:`);
    expect(r.stderr).toContain(message);
    expect(r.stdout).not.toContain('listening');
  });
});
