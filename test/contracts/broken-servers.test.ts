import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ContractClient, type CallOptions } from '../../contracts/kit/client';
import { prismViolations } from '../../contracts/kit/prism';
import type { CheckName } from '../../contracts/core';
import { compiledSpecs } from '../support/harness';

// Servers that each break the spec in one way; the kit must name operation, check and pointer.
type Reply = { status: number; headers?: Record<string, string>; body?: string };

async function serve(reply: Reply): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

const JSON_TYPE = { 'Content-Type': 'application/json' };
const FORM: CallOptions = { body: { emailAddress: 'a@b.example' }, contentType: 'application/x-www-form-urlencoded' };

const CASES: [string, string, string, CallOptions, Reply, CheckName, string, string[]][] = [
  // label, spec, operationId, request, reply, check, pointer, what the spec allows
  ['a wrong status', 'akana', 'resendActivation', FORM, { status: 201, headers: { 'Cache-Control': 'no-cache' } }, 'status', '', ['200', '400', '404', '405', '413', '429', '500']],
  ['a missing required field', 'edge-impulse', 'login', { body: { username: 'a', password: 'b' } }, { status: 200, headers: JSON_TYPE, body: '{"token":"x"}' }, 'body', '/success', []],
  ['a wrong type', 'emnify', 'authenticate', { body: { refresh_token: 'r' } }, { status: 200, headers: JSON_TYPE, body: '{"auth_token":5}' }, 'body', '/auth_token', []],
  ['a wrong content type', 'edge-impulse', 'resetPassword', { body: { email: 'a', code: 'b', newPassword: 'cccccccc' } }, { status: 200, headers: { 'Content-Type': 'text/html' }, body: '<p>ok</p>' }, 'content-type', '', ['application/json']],
  ['a body where none is documented', 'akana', 'resendActivation', FORM, { status: 200, headers: { 'Cache-Control': 'no-cache', ...JSON_TYPE }, body: '{"sent":true}' }, 'no-body', '', []],
  ['a missing documented header', 'akana', 'resendActivation', FORM, { status: 200 }, 'header', 'cache-control', ['cache-control']],
  ['a wrong header value', 'akana', 'resendActivation', FORM, { status: 200, headers: { 'Cache-Control': 'max-age=60' } }, 'header', 'cache-control', ['no-cache']],
  ['no body where one is documented', 'emnify', 'user_password_patch', { body: { old_password: 'a', new_password: 'b' } }, { status: 422 }, 'body', '', ['application/json']],
  ['a body that is not JSON', 'edge-impulse', 'login', { body: { username: 'a', password: 'b' } }, { status: 200, headers: JSON_TYPE, body: '{"success":' }, 'body', '', ['application/json']],
];

describe('the kit reports each way a server breaks its spec', () => {
  test.each(CASES)('%s (%s %s)', async (_label, specName, operationId, request, reply, check, pointer, allowed) => {
    const server = await serve(reply);
    try {
      const spec = (await compiledSpecs()).get(specName)!;
      const base = server.url + spec.basePath;
      const result = await new ContractClient(spec, base).call(operationId, request);
      expect(result.violations).toEqual([
        expect.objectContaining({ operation: `${specName} ${operationId}`, check, pointer, allowed: expect.arrayContaining(allowed) }),
      ]);
      expect(result.violations[0].message).toMatch(new RegExp(`^${specName} ${operationId}: `));
      expect(result.violations[0].expected).not.toBe('');
      expect(result.violations[0].actual).not.toBe('');
      expect(() => expect(result).toSatisfyContract()).toThrow(`${operationId} answered ${reply.status}, which breaks the spec`);
    } finally {
      await server.close();
    }
  });

  test('a conforming answer has no violations, so the checks are not always failing', async () => {
    const server = await serve({ status: 200, headers: { 'Cache-Control': 'no-cache' } });
    try {
      const spec = (await compiledSpecs()).get('akana')!;
      const result = await new ContractClient(spec, server.url).call('resendActivation', FORM);
      expect(result.violations).toEqual([]);
      expect(result).toSatisfyContract();
    } finally {
      await server.close();
    }
  });
});

describe('behind a Prism validation proxy', () => {
  const SL = JSON.stringify([{ location: ['response', 'body'], severity: 'Error', message: 'Response body must be object' }]);

  test('an sl-violations header is a violation', async () => {
    const server = await serve({ status: 200, headers: { 'Cache-Control': 'no-cache', 'sl-violations': SL } });
    try {
      const spec = (await compiledSpecs()).get('akana')!;
      const result = await new ContractClient(spec, server.url, { checks: [prismViolations] }).call('resendActivation', FORM);
      expect(result.violations).toEqual([expect.objectContaining({ operation: 'akana resendActivation', message: expect.stringContaining('the Prism proxy reported violations') })]);
    } finally {
      await server.close();
    }
  });

  test('Prism’s complaint about an empty body on a response marked x-body-optional is excused, and nothing else is', async () => {
    const server = await serve({ status: 401, headers: { 'sl-violations': SL } });
    try {
      const spec = (await compiledSpecs()).get('emnify')!;
      const client = new ContractClient(spec, server.url, { checks: [prismViolations] });
      expect((await client.call('authenticate', { body: { refresh_token: 'r' } })).violations).toEqual([]);
      expect((await client.call('user_password_patch', { body: { old_password: 'a', new_password: 'b' } })).violations.map((v) => v.message)).toEqual([
        'emnify user_password_patch: response 401 documents a body, but none came back',
        expect.stringContaining('the Prism proxy reported violations'),
      ]);
    } finally {
      await server.close();
    }
  });
});

describe('authmock contract exits non-zero', () => {
  const CLI = path.join(__dirname, '..', '..', 'dist', 'mock-server', 'cli.js');
  const run = (args: string[]) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'contract', ...args], { env: { ...process.env, CONTRACT_REPORT: path.join(__dirname, '..', '..', 'reports', 'broken-contract.json'), CONTRACT_REPORT_DIR: path.join(__dirname, '..', '..', 'reports', 'broken-contract'), CONTRACT_JUNIT: path.join(__dirname, '..', '..', 'reports', 'broken-junit.xml') } });
      let output = '';
      child.stdout.on('data', (d) => (output += String(d)));
      child.stderr.on('data', (d) => (output += String(d)));
      child.on('exit', (code) => resolve({ code, output }));
    });

  test('when a server breaks the spec, naming the violation', async () => {
    const server = await serve({ status: 200, headers: { 'Cache-Control': 'max-age=60' } });
    try {
      const { code, output } = await run(['--target', server.url, '--vendor', 'akana', '--tiers', 'public']);
      expect(code).toBe(1);
      expect(output).toContain("akana resendActivation: header cache-control is 'max-age=60'; the spec allows no-cache");
    } finally {
      await server.close();
    }
  }, 60_000);

  test('when the target cannot be reached, saying so', async () => {
    const server = await serve({ status: 200 });
    const { url } = server;
    await server.close();
    const { code, output } = await run(['--target', url, '--vendor', 'akana']);
    expect(code).toBe(1);
    expect(output).toContain(`${url} cannot be reached (ECONNREFUSED)`);
  }, 60_000);
});
