#!/usr/bin/env node
// "A vendor is a spec and a folder", proven: copy the repository (its tracked
// files as they are in the working tree) to a temporary folder, lay
// examples/vendor-acme over it with `cp -r examples/vendor-acme/. .`, check
// that this added files and changed none, build, and then check that the mock
// serves Acme, that the admin API creates Acme users, that the console lists
// Acme, and that `authmock contract --vendor acme` passes against the mock
// started in-process. Prints `N passed, N failed` at the end.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'authmock-vendor-example-'));
const copy = path.join(work, 'repo');
const results = [];

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 480_000, cwd: copy, ...options, env: { ...process.env, ...options.env } });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}:\n${output.slice(-6000)}${r.error ? `\n${r.error.message}` : ''}`);
  return output;
}

async function step(name, fn) {
  const started = Date.now();
  try {
    const out = await fn();
    results.push({ name, ok: true });
    console.log(`✓ ${name} (${Date.now() - started} ms)${out ? `\n${String(out).trim().replace(/^/gm, '    ')}` : ''}`);
    return true;
  } catch (err) {
    results.push({ name, ok: false });
    console.log(`✗ ${name}\n${String(err.message).replace(/^/gm, '    ')}`);
    return false;
  }
}

/** The tracked files of the working tree, copied, and committed in a fresh repository so that `git status` can tell what the lay-over did. */
function copyRepository() {
  const listed = spawnSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const from = path.join(root, file);
    if (!fs.existsSync(from)) continue;
    fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    fs.copyFileSync(from, path.join(copy, file));
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  const git = (...args) => run('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@example.invalid', ...args]);
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'before the lay-over');
}

/** Every line of `git status` after the lay-over must be an untracked file: a modified or deleted one means a core file had to change. */
function layOver() {
  run('cp', ['-r', 'examples/vendor-acme/.', '.']);
  const status = run('git', ['status', '--porcelain', '--untracked-files=all']).split('\n').filter(Boolean);
  const changed = status.filter((line) => !line.startsWith('??'));
  if (changed.length) throw new Error(`the lay-over changed tracked files:\n${changed.join('\n')}`);
  return `${status.length} files added:\n${status.map((l) => l.slice(3)).join('\n')}`;
}

async function againstTheMock() {
  const { startMock } = require(path.join(copy, 'dist', 'mock-server'));
  const mock = await startMock();
  try {
    const json = async (res) => ({ status: res.status, body: await res.json() });
    const post = (url, body) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(json);
    const lines = [];
    const created = await post(`${mock.url}/__admin/users`, { vendor: 'acme', email: 'wile.e@acme.example', password: 'super-genius-1' });
    if (created.status !== 201 || created.body.vendor !== 'acme') throw new Error(`POST /__admin/users with vendor acme answered ${created.status}: ${JSON.stringify(created.body)}`);
    lines.push('POST /__admin/users {"vendor":"acme"} → 201');
    const login = await post(`${mock.url}/acme/v1/login`, { email: 'wile.e@acme.example', password: 'super-genius-1' });
    if (login.status !== 200 || typeof login.body.access_token !== 'string') throw new Error(`POST /acme/v1/login answered ${login.status}`);
    const me = await fetch(`${mock.url}/acme/v1/me`, { headers: { Authorization: `Bearer ${login.body.access_token}` } }).then(json);
    if (me.status !== 200 || me.body.email !== 'wile.e@acme.example') throw new Error(`GET /acme/v1/me answered ${me.status}`);
    lines.push('POST /acme/v1/login → 200, GET /acme/v1/me → 200');
    const signup = await post(`${mock.url}/acme/v1/signup`, { email: 'road.runner@acme.example', password: 'meep-meep-42' });
    const mail = await fetch(`${mock.url}/__admin/mailbox?vendor=acme&kind=activation&to=road.runner%40acme.example`).then(json);
    if (signup.status !== 201 || mail.body.messages.length !== 1) throw new Error(`sign-up answered ${signup.status} and mailed ${mail.body.messages.length} codes`);
    lines.push('POST /acme/v1/signup → 201, one activation mail in the mailbox');
    const seeded = await fetch(`${mock.url}/__admin/users?vendor=acme`).then(json);
    if (seeded.body.users.length < 3) throw new Error(`only ${seeded.body.users.length} acme users; the fixtures seed two`);
    lines.push(`${seeded.body.users.length} acme users, the seeded ones included`);
    lines.push(await consoleListsAcme(mock.url));
    return lines.join('\n');
  } finally {
    await mock.close();
  }
}

/** The console, in Chromium: the users view's vendor filter offers Acme, by its label. */
async function consoleListsAcme(url) {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    if (process.env.CI) throw new Error(`no Chromium at ${executablePath} to open the console with`);
    return 'console: skipped (no Chromium here; CI has one)';
  }
  const { chromium } = require(path.join(root, 'node_modules', 'playwright-core'));
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${url}/__admin/ui#/users`, { waitUntil: 'load' });
    await page.waitForSelector('select option[value="acme"]', { state: 'attached', timeout: 15_000 });
    const label = await page.$eval('select option[value="acme"]', (o) => o.textContent);
    if (label !== 'Acme') throw new Error(`the console lists acme as '${label}', not by its spec's name`);
    return 'console: the users view offers Acme';
  } finally {
    await browser.close();
  }
}

async function main() {
  console.log(`Laying examples/vendor-acme over a copy of the repository in ${copy}`);
  const ready =
    (await step('copy the repository', copyRepository)) &&
    (await step('cp -r examples/vendor-acme/. . adds files only', layOver)) &&
    (await step('npm run build', () => run(process.execPath, ['scripts/build.js']).split('\n').filter((l) => l.startsWith('openapi types')).join('\n'))) &&
    (await step('npm run fixtures keeps the example’s committed fixtures', () => run(process.execPath, ['dist/fixtures/generate.js']).trim()));
  if (ready) {
    await step('the mock serves Acme, the admin API creates its users, the console lists it', againstTheMock);
    await step('authmock contract --vendor acme passes against the in-process mock', () => {
      const out = run(process.execPath, ['dist/mock-server/cli.js', 'contract', '--vendor', 'acme'], { env: { CI: 'true' } });
      const summary = out.split('\n').filter((l) => /^contract:|acme/.test(l) && !/^\s*$/.test(l));
      return summary.slice(-12).join('\n');
    });
    // The README lists the seeded accounts of the vendors it documents; the example's are in its own doc.
    await step('the architecture, admin-vendor and fixture tests hold with four vendors', () => run(process.execPath, [require.resolve('jest/bin/jest', { paths: [root] }), 'test/architecture', 'test/specs/admin-vendors.test.ts', 'fixtures', '-t', '^(?!.*README)'], { env: { CI: 'true' } }).split('\n').filter((l) => /^Tests:/.test(l)).join('\n'));
  }
  const failed = results.filter((r) => !r.ok).length;
  if (failed === 0) fs.rmSync(work, { recursive: true, force: true });
  console.log(`\nvendor example: ${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

void main();
