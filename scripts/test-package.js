#!/usr/bin/env node
// The package as a user gets it: `npm pack`, install the tarball into a fresh
// project outside the repository, and there run a CommonJS and an ES module
// script (start the mock, log in, read the activation code with
// admin.mailbox.waitFor, activate, close), an MFA login with the exported totp, the developer console's files, `npx authmock --help`,
// `npx authmock contract` five ways (scripts/package-contract.js), a TypeScript file against the
// package's types (tsc --noEmit) and the README's jest example; and `npm publish --dry-run`.
// Needs a build (`npm run build`); prints `N passed, N failed` at the end.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { contractSteps } = require('./package-contract');
const { root, repoModules, npm, run, pack, install, linkFromRepository } = require('./package-install');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'authmock-package-'));
const project = path.join(work, 'project');
const results = [];

function step(name, fn) {
  const started = Date.now();
  try {
    const out = fn();
    results.push({ name, ok: true });
    console.log(`✓ ${name} (${Date.now() - started} ms)${out ? `\n${String(out).trim().replace(/^/gm, '    ')}` : ''}`);
  } catch (err) {
    results.push({ name, ok: false });
    console.log(`✗ ${name}\n${String(err.message).replace(/^/gm, '    ')}`);
  }
}

/** Type packages a TypeScript user of the package has anyway (Node's), from the repository. */
function linkTypes() {
  linkFromRepository(project, '@types/node');
}

const FLOW = (load) => `${load}
const to = 'arnold.hudson@edgeimpulse.example';
async function main() {
  const mock = await startMock({ port: 0 });
  try {
    const post = (p, body, headers = {}) => fetch(mock.url + p, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) }).then((r) => r.json());
    const login = await post('/v1/api-login', { username: 'arnold-hudson', password: 'mild-lounge-21' });
    if (!login.token) throw new Error('login failed: ' + JSON.stringify(login));
    const [seeded] = await mock.admin.mailbox.list({ to });
    const waiting = mock.admin.mailbox.waitFor({ to, kind: 'activation', after: seeded.id }, { timeoutMs: 5000 });
    const requested = await post('/v1/api/user/request-activation', {}, { 'x-jwt-token': login.token });
    if (!requested.success) throw new Error('request-activation failed: ' + JSON.stringify(requested));
    const mail = await waiting;
    const activated = await post('/v1/api/user/activate', { code: mail.code }, { 'x-jwt-token': login.token });
    if (!activated.success) throw new Error('activate failed: ' + JSON.stringify(activated));
    const [user] = await mock.admin.users.find({ vendor: 'edge-impulse', email: to });
    if (user.status !== 'active') throw new Error('user is ' + user.status);
    console.log('activated ' + user.username + ' with code from mail #' + mail.id + ' on ' + mock.url);
  } finally {
    await mock.close();
  }
}
main().catch((err) => { console.error(err); process.exit(1); });
`;

// An MFA login with the package's own totp (no TOTP library of the user's), now and after the mock's clock moves.
const MFA = (load) => `${load}
const SECRET = 'DRZO6KIONLKNNBKVBIOFYTKQYN6KQMAF';
async function main() {
  const mock = await startMock({ port: 0 });
  try {
    const login = (totpToken) => fetch(mock.url + '/v1/api-login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'jimmie-christiansen', password: 'untimely-blowgun-44', totpToken }) }).then((r) => r.json());
    const now = await login(totp(SECRET));
    if (!now.token) throw new Error('login with totp(secret) failed: ' + JSON.stringify(now));
    const later = await mock.admin.clock.advance(3600000);
    const moved = await login(totp(SECRET, later));
    if (!moved.token) throw new Error('login with totp(secret, later) failed: ' + JSON.stringify(moved));
    let refused = false;
    try { totp('not base32!') } catch (err) { refused = err instanceof TypeError; }
    if (!refused) throw new Error('totp took a secret that is not base32');
    console.log('logged in with totp codes at ' + new Date().toISOString() + ' and at ' + later.toISOString());
  } finally {
    await mock.close();
  }
}
main().catch((err) => { console.error(err); process.exit(1); });
`;

// The developer console's page and every file it names come from the installed package.
const CONSOLE = `const { startMock } = require('authmock');
async function main() {
  const mock = await startMock({ port: 0 });
  try {
    const page = await fetch(mock.url + '/__admin/ui');
    const html = await page.text();
    if (page.status !== 200) throw new Error('/__admin/ui answered ' + page.status + ': ' + html);
    const map = JSON.parse(/<script type="importmap">([^<]*)<\\/script>/.exec(html)[1]).imports;
    const urls = [...new Set([...Object.values(map), ...[...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])])];
    for (const url of urls) {
      const res = await fetch(mock.url + url);
      if (res.status !== 200) throw new Error(url + ' answered ' + res.status);
    }
    console.log('the console and its ' + urls.length + ' files are served from the install');
  } finally {
    await mock.close();
  }
}
main().catch((err) => { console.error(err); process.exit(1); });
`;

const TYPES = `import { startMock, totp, AdminClient, AdminApiError, MailWaitTimeout, type Message, type RunningMock, type CreateUserRequest } from 'authmock';
import { checkResponse, loadCompiledSpecs, type Violation } from 'authmock/contract';

async function typed(): Promise<void> {
  const mock: RunningMock = await startMock({ port: 0, config: { mailboxSize: 100 } });
  const user: CreateUserRequest = { vendor: 'emnify', email: 'typed@emnify.example', status: 'pending' };
  const created = await mock.admin.users.create(user);
  const id: number = created.id;
  const mail: Message = await mock.admin.mailbox.waitFor({ to: user.email, kind: 'activation' }, { timeoutMs: 1000 });
  const code: string = mail.code;
  const now: Date = await mock.admin.clock.advance(1000);
  const otp: string = totp('DRZO6KIONLKNNBKVBIOFYTKQYN6KQMAF', now);
  const answer = await new AdminClient(mock.url).request('post', '/third-party-activation-codes', { body: { email: 'p@edgeimpulse.example' } });
  const activationCode: string = answer.activationCode;
  const specs = await loadCompiledSpecs();
  const op = specs.get('edge-impulse')!.byOperationId.get('login')!;
  const violations: Violation[] = checkResponse(op, { status: 200, headers: {}, text: '{}' });
  // @ts-expect-error: 'acme' is not a vendor in the admin spec
  await mock.admin.users.create({ vendor: 'acme', email: 'x@y.example' });
  console.log(id, code, now, otp, activationCode, violations, AdminApiError, MailWaitTimeout);
  await mock.close();
}
void typed;
`;

try {
  let tarball;
  step('npm pack', () => {
    const packed = pack(work);
    const info = packed.info;
    tarball = packed.tarball;
    const files = info.files.map((f) => f.path);
    for (const required of ['package.json', 'README.md', 'fixtures/edge-impulse.json', 'specs/admin.openapi.yaml', 'dist/mock-server/index.js', 'dist/mock-server/index.d.ts', 'dist/mock-server/cli.js', 'dist/contracts/index.js', 'dist/contracts/jest/index.js']) {
      if (!files.includes(required)) throw new Error(`the tarball lacks ${required}`);
    }
    const stray = files.filter((f) => /\.test\.|\.map$|^dist\/bench\/|^test\/|^mock-server\//.test(f));
    if (stray.length) throw new Error(`the tarball ships files users do not need: ${stray.slice(0, 5).join(', ')}`);
    return `${info.filename}: ${files.length} files, ${Math.round(info.size / 1024)} kB`;
  });
  if (!tarball) throw new Error('no tarball');

  step('npm publish --dry-run is clean (no warning but the one about not being logged in)', () => {
    const out = run(npm, ['publish', '--dry-run', '--ignore-scripts'], { cwd: root });
    const warnings = out.split('\n').filter((l) => /^npm (warn|error|err!)/i.test(l) && !/logged in/i.test(l));
    if (warnings.length) throw new Error(warnings.join('\n'));
    return out.split('\n').find((l) => /total files|package size/i.test(l)) ?? '';
  });

  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'authmock-user', version: '1.0.0', private: true }, null, 2));
  step('install the tarball into a fresh project outside the repository', () => install(project, tarball));
  linkTypes();

  fs.writeFileSync(path.join(project, 'flow.cjs'), FLOW("const { startMock } = require('authmock');"));
  fs.writeFileSync(path.join(project, 'flow.mjs'), FLOW("import { startMock } from 'authmock';"));
  step('a CommonJS script: start, log in, waitFor the activation code, activate, close', () => run(process.execPath, ['flow.cjs'], { cwd: project }));
  step('an ES module script: the same with import { startMock } from "authmock"', () => run(process.execPath, ['flow.mjs'], { cwd: project }));
  step('authmock/contract and authmock/jest resolve through the exports map', () =>
    run(process.execPath, ['-e', "const c = require('authmock/contract'); if (typeof c.checkResponse !== 'function') throw new Error('no checkResponse'); console.log(Object.keys(c).length + ' exports'); try { require('authmock/jest') } catch (e) { if (!/jest/.test(e.message)) throw e; console.log('authmock/jest asks for jest: ' + e.message) }"], { cwd: project }));
  fs.writeFileSync(path.join(project, 'mfa.cjs'), MFA("const { startMock, totp } = require('authmock');"));
  fs.writeFileSync(path.join(project, 'mfa.mjs'), MFA("import { startMock, totp } from 'authmock';"));
  step('an MFA login with the exported totp, from CommonJS and from an ES module', () => run(process.execPath, ['mfa.cjs'], { cwd: project }) + run(process.execPath, ['mfa.mjs'], { cwd: project }));
  fs.writeFileSync(path.join(project, 'console.cjs'), CONSOLE);
  step('the developer console and its files are served from the install', () => run(process.execPath, ['console.cjs'], { cwd: project }));
  step('npx authmock --help runs from the install, outside the repository', () => {
    const out = run('npx', ['--no-install', 'authmock', '--help'], { cwd: project });
    if (!/Usage: authmock/.test(out)) throw new Error(`unexpected help:\n${out}`);
    return out.split('\n')[0];
  });
  contractSteps({ project, step });
  step('a TypeScript file using the types compiles with tsc --noEmit', () => {
    fs.writeFileSync(path.join(project, 'typed.ts'), TYPES);
    fs.writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, files: ['typed.ts'] }, null, 2),
    );
    return run(process.execPath, [path.join(repoModules, 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: project });
  });
  step("the README's jest example (examples/jest) passes against the installed package", () => {
    const dir = path.join(project, 'jest-example');
    fs.cpSync(path.join(root, 'examples', 'jest'), dir, { recursive: true });
    return run(process.execPath, [path.join(repoModules, 'jest', 'bin', 'jest.js'), '--ci', '--rootDir', dir, '--config', path.join(dir, 'jest.config.js')], { cwd: dir })
      .split('\n')
      .filter((l) => /✓|✕|Tests:/.test(l))
      .join('\n');
  });
  step('authmock/msw: createHandlers() with msw/node serves the vendors in-process (examples/msw-node, onUnhandledRequest: error)', () => {
    // msw is a peer dependency: the user installs it next to authmock.
    linkFromRepository(project, 'msw');
    fs.copyFileSync(path.join(root, 'examples', 'msw-node', 'flow.test.mjs'), path.join(project, 'msw-flow.test.mjs'));
    return run(process.execPath, ['--test', 'msw-flow.test.mjs'], { cwd: project })
      .split('\n')
      .filter((l) => /^# (pass|fail)|^not ok/.test(l))
      .join('\n');
  });
  step('authmock/msw in a page: the browser build and msw\'s worker from the install, in Chromium (examples/msw-browser)', () => {
    fs.cpSync(path.join(root, 'examples', 'msw-browser'), path.join(project, 'msw-browser'), { recursive: true });
    const size = fs.statSync(path.join(project, 'node_modules', 'authmock', 'dist', 'browser', 'authmock-msw.standalone.js')).size;
    return `${run(process.execPath, [path.join(root, 'scripts', 'msw-browser-check.js'), project], { cwd: project })}\nstandalone bundle ${(size / 1024).toFixed(0)} KiB`;
  });
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

const failed = results.filter((r) => !r.ok).length;
console.log(`\npackage: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
