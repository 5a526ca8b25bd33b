#!/usr/bin/env node
// The README's Playwright recipe, run: pack the package, install the tarball and
// @playwright/test into a fresh project outside the repository, copy examples/playwright
// there, and run `playwright test` with the system's Chromium (CHROMIUM_PATH or
// /usr/bin/chromium). Its config starts the mock (`npx authmock` from the install) and the
// example's app on two free ports. Needs a build (`npm run build`); the whole run is bounded
// by PLAYWRIGHT_EXAMPLE_MINUTES (default 6). Prints `N passed, N failed` at the end.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { root, run, pack, install } = require('./package-install');

const deadline = Date.now() + Number(process.env.PLAYWRIGHT_EXAMPLE_MINUTES || 6) * 60_000;
const left = () => Math.max(1000, deadline - Date.now());
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'authmock-playwright-'));
const project = path.join(work, 'project');
const results = [];

async function step(name, fn) {
  const started = Date.now();
  if (Date.now() >= deadline) {
    results.push({ name, ok: false });
    console.log(`✗ ${name}\n    not started: the run's time is up`);
    return;
  }
  try {
    const out = await fn();
    results.push({ name, ok: true });
    console.log(`✓ ${name} (${Date.now() - started} ms)${out ? `\n${String(out).trim().replace(/^/gm, '    ')}` : ''}`);
  } catch (err) {
    results.push({ name, ok: false });
    console.log(`✗ ${name}\n${String(err.message).replace(/^/gm, '    ')}`);
  }
}

/** A port free on 127.0.0.1 and, where there is IPv6, on [::1], as the mock and the app listen on both. */
async function freePort() {
  const tryListen = (port, host) =>
    new Promise((resolve) => {
      const s = net.createServer();
      s.once('error', (err) => resolve(err.code === 'EADDRINUSE' ? null : port));
      s.listen(port, host, () => {
        const actual = s.address().port;
        s.close(() => resolve(actual));
      });
    });
  for (;;) {
    const port = await tryListen(0, '127.0.0.1');
    // 4010-4013 are the documented defaults that people run by hand; never take them.
    if (port >= 4010 && port <= 4013) continue;
    if ((await tryListen(port, '::1')) !== null) return port;
  }
}

async function main() {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  let tarball;
  await step('npm pack', () => {
    tarball = pack(work, { timeout: left() }).tarball;
    return path.basename(tarball);
  });
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'authmock-playwright-user', version: '1.0.0', private: true }, null, 2));
  await step('install the tarball and @playwright/test into a fresh project', () => {
    if (!tarball) throw new Error('no tarball');
    return install(project, tarball, { extra: ['@playwright/test'], timeout: left() });
  });
  fs.cpSync(path.join(root, 'examples', 'playwright'), project, { recursive: true });
  await step("the README's Playwright example: sign up in the app, activate with the mailed code, log in, the jwt cookie reaches the mock", async () => {
    if (!fs.existsSync(chromium)) throw new Error(`no Chromium at ${chromium}: install Debian's chromium package or set CHROMIUM_PATH`);
    const [mockPort, appPort] = [await freePort(), await freePort()];
    const cli = path.join(project, 'node_modules', '@playwright', 'test', 'cli.js');
    const out = run(process.execPath, [cli, 'test', '--reporter=line', '--workers=1'], {
      cwd: project,
      timeout: left(),
      env: { CI: 'true', MOCK_PORT: String(mockPort), APP_PORT: String(appPort), CHROMIUM_PATH: chromium, PLAYWRIGHT_BROWSERS_PATH: path.join(work, 'no-browsers') },
    });
    return out.split('\n').filter((l) => /passed|failed|flaky|skipped/.test(l)).join('\n');
  });
}

main()
  .catch((err) => results.push({ name: `the run itself: ${err.message}`, ok: false }))
  .finally(() => {
    fs.rmSync(work, { recursive: true, force: true });
    const failed = results.filter((r) => !r.ok).length;
    console.log(`\nplaywright example: ${results.length - failed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  });
