#!/usr/bin/env node
// node scripts/msw-browser-check.js DIR: serves examples/msw-browser from DIR (a project with authmock and
// msw installed, or the repository) and opens it in the system's Chromium; exits 0 when the page says
// RESULT: ok. The packed-package test runs it against the installed tarball. Bounded: 60 s.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const dir = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
const serve = fs.existsSync(path.join(dir, 'examples', 'msw-browser', 'serve.js')) ? path.join(dir, 'examples', 'msw-browser', 'serve.js') : path.join(dir, 'msw-browser', 'serve.js');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

async function main() {
  const server = spawn(process.execPath, [serve, '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'authmock-msw-'));
  const deadline = setTimeout(() => {
    console.error('msw browser example: no verdict within 60 s');
    process.exit(1);
  }, 60_000);
  let context;
  try {
    const url = await new Promise((resolve, reject) => {
      server.stdout.on('data', (chunk) => {
        const m = /http:\/\/localhost:\d+/.exec(chunk.toString());
        if (m) resolve(m[0]);
      });
      server.once('exit', (code) => reject(new Error(`serve.js exited with ${code}`)));
    });
    context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(url);
    const result = page.locator('#result');
    await result.filter({ hasNotText: 'RESULT: running' }).waitFor({ timeout: 40_000 });
    const text = await result.textContent();
    const steps = await page.locator('#steps li').allTextContents();
    console.log(`${steps.join('\n')}\n${text} (${Date.now() - started} ms from navigation)`);
    if (text !== 'RESULT: ok') process.exitCode = 1;
  } finally {
    clearTimeout(deadline);
    await context?.close();
    fs.rmSync(profile, { recursive: true, force: true });
    if (server.exitCode === null) server.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error(err.message);
  process.exitCode = 1;
});
