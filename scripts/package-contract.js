// The contract kit as a CI job uses it: `npx authmock contract` from the installed
// package (its dependencies only: no jest, no TypeScript), run four ways against a
// mock started from the same install. Part of scripts/test-package.js.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const SERVERS = path.join(__dirname, 'package-servers.cjs');

/** Waits (synchronously: the steps are) for a file a child writes, at most `ms`. */
function waitForFile(file, ms, what) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').trim()) return fs.readFileSync(file, 'utf8').trim();
    sleep(50);
  }
  throw new Error(`${what} did not start within ${ms / 1000} s`);
}

/** Every variable a CI runner may have set that would point the kit elsewhere. */
function cleanEnv(extra) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^CONTRACT_|^GITHUB_|proxy$/i.test(key)) delete env[key];
  return { ...env, ...extra };
}

function contractSteps({ project, step }) {
  const started = [];
  const start = (args, label, logFile) => {
    const out = fs.openSync(logFile, 'w');
    const child = spawn(process.execPath, args, { cwd: project, stdio: ['ignore', out, out], env: cleanEnv({}) });
    started.push(child);
    fs.closeSync(out);
    return { child, label };
  };
  const contract = (name, args, env = {}) => {
    const junit = path.join(project, `${name}-junit.xml`);
    const report = path.join(project, `${name}-report.json`);
    const began = Date.now();
    const r = spawnSync('npx', ['--no-install', 'authmock', 'contract', '--junit', junit, '--report', report, ...args], { cwd: project, encoding: 'utf8', timeout: 300_000, env: cleanEnv(env) });
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    const read = (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');
    return { code: r.status, output, last: (r.stdout ?? '').trim().split('\n').at(-1), junit: read(junit), report: read(report) ? JSON.parse(read(report)) : undefined, ms: Date.now() - began };
  };
  const expectCode = (run, code) => {
    if (run.code !== code) throw new Error(`exit ${run.code}, expected ${code}:\n${run.output.split('\n').slice(-40).join('\n')}`);
  };

  try {
    // A mock started from the install, on a port it picks; its banner names the URL.
    const mockLog = path.join(project, 'mock.log');
    start([path.join('node_modules', 'authmock', 'dist', 'mock-server', 'cli.js'), '--port', '0', '--host', '127.0.0.1'], 'mock', mockLog);
    const banner = waitForFile(mockLog, 30_000, 'the installed mock');
    const mock = /http:\/\/localhost:(\d+)/.exec(banner);
    if (!mock) throw new Error(`no URL in the mock's banner:\n${banner}`);
    const mockUrl = `http://127.0.0.1:${mock[1]}`;
    const server = (mode, upstream) => {
      const portFile = path.join(project, `${mode}.port`);
      start([SERVERS, mode, upstream, portFile], mode, path.join(project, `${mode}.log`));
      const port = waitForFile(portFile, 10_000, `the ${mode} server`);
      return { url: `http://127.0.0.1:${port}`, counts: () => JSON.parse(fs.readFileSync(`${portFile}.counts`, 'utf8')) };
    };

    step('npx authmock contract --list from the install: what would run and change, calling nothing', () => {
      const run = contract('list', ['--target', 'http://127.0.0.1:9', '--list']);
      expectCode(run, 0);
      for (const needed of ['Nothing is called', 'public tier', 'Calls that would change data on the target', 'user_password_patch']) if (!run.output.includes(needed)) throw new Error(`--list lacks '${needed}':\n${run.output}`);
      return run.output.split('\n').slice(0, 3).join('\n');
    });

    step('npx authmock contract against a mock started from the install: exit 0, JUnit without failures', () => {
      const run = contract('mock', ['--target', mockUrl, '--allow-writes']);
      expectCode(run, 0);
      if (!/<testsuites [^>]*failures="0"/.test(run.junit) || /<failure/.test(run.junit)) throw new Error(`the JUnit file reports failures:\n${run.junit.slice(0, 500)}`);
      if (!/^contract: [1-9]\d* passed, 0 violated, \d+ skipped$/.test(run.last)) throw new Error(`last line: ${run.last}`);
      // The report's keys and labels stay readable; only values under secrets' names are redacted.
      if (typeof run.report.verdict.passed !== 'number' || run.report.observations.some((o) => o.label === '[redacted]')) throw new Error(`the JSON report redacts what is no secret: ${JSON.stringify(run.report.verdict)}`);
      return `${run.last} in ${(run.ms / 1000).toFixed(1)} s (npx start included)`;
    });

    step('npx authmock contract with no target: the mock in-process, every tier with its seeded credentials', () => {
      const run = contract('in-process', []);
      expectCode(run, 0);
      if (!/^contract: [1-9]\d* passed, 0 violated, 0 skipped$/.test(run.last)) throw new Error(`last line: ${run.last}`);
      return `${run.last} in ${(run.ms / 1000).toFixed(1)} s (npx start included)`;
    });

    step('against a deliberately broken server: exit 1, every broken operation named, GitHub annotations and step summary', () => {
      const broken = server('broken', mockUrl);
      const summary = path.join(project, 'step-summary.md');
      const run = contract('broken', ['--target', broken.url, '--tiers', 'public'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
      expectCode(run, 1);
      for (const op of ['edge-impulse login', 'emnify authenticate', 'akana resendActivation']) {
        if (!run.report.violations.some((v) => v.operation === op)) throw new Error(`the report does not name ${op}`);
        if (!run.output.includes(`::error title=contract%3A ${op}::`)) throw new Error(`no ::error annotation for ${op}`);
      }
      const named = [...new Set(run.report.violations.map((v) => v.operation))].sort();
      if (named.length !== 3) throw new Error(`violations beyond the broken operations: ${named.join(', ')}`);
      const md = fs.readFileSync(summary, 'utf8');
      if (!md.includes(`**${run.last}**`)) throw new Error(`the step summary lacks the verdict:\n${md}`);
      return `${run.last}; named: ${named.join(', ')}`;
    });

    step('through a small forward proxy (HTTP_PROXY): exit 0, every call counted by the proxy', () => {
      const proxy = server('forward', mockUrl);
      const run = contract('proxy', ['--target', mockUrl, '--tiers', 'public,robustness'], { HTTP_PROXY: proxy.url, NO_PROXY: '' });
      expectCode(run, 0);
      const { requests, connects } = proxy.counts();
      const exchanges = run.report.totals.exchanges;
      if (requests < exchanges) throw new Error(`the proxy saw ${requests} requests (${connects} CONNECT), the run made ${exchanges} calls`);
      if (/experimental|Warning/.test(run.output)) throw new Error(`the run printed a warning:\n${run.output}`);
      return `${run.last}; the proxy forwarded ${requests} requests for ${exchanges} calls`;
    });

    step('through a gateway answering 429 + Retry-After: 1 to every 7th call: retried, counted, exit 0', () => {
      const gateway = server('gateway', mockUrl);
      const run = contract('gateway', ['--target', gateway.url, '--admin', mockUrl], {});
      expectCode(run, 0);
      const { throttled } = gateway.counts();
      if (throttled === 0 || run.report.retries.length !== throttled) throw new Error(`the gateway throttled ${throttled} calls, the report counts ${run.report.retries.length} retries`);
      if (!/Retried \d+ gateway answer/.test(run.output)) throw new Error('the console does not mention the retries');
      return `${run.last}; ${throttled} calls throttled and retried`;
    });
  } finally {
    for (const child of started) if (child.exitCode === null) child.kill('SIGTERM');
  }
}

module.exports = { contractSteps };
