#!/usr/bin/env node
/**
 * The contract suites against Prism, as CI runs them:
 *   1. the public tier against Prism mocks of the three specs;
 *   2. the flow tier through Prism validation proxies in front of the mock,
 *      where any sl-violations header fails the run.
 * Every process started here is ended here, by PID; every wait is bounded.
 */
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');
const { loadVendors, envName } = require('./vendors');

const root = path.join(__dirname, '..');
const prism = path.join(root, 'node_modules', '.bin', 'prism');
const HOST = '127.0.0.1';
const started = [];

function start(command, args, label) {
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  started.push(child);
  console.log(`started ${label} (pid ${child.pid})`);
  return child;
}

async function waitForPort(port, label, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(`http://${HOST}:${port}/`, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${label} did not answer on port ${port} within ${timeoutMs / 1000} s`);
}

function stopAll() {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
}

function contract(env, label) {
  console.log(`\n=== contract suites: ${label}`);
  const r = spawnSync(process.execPath, ['dist/mock-server/cli.js', 'contract'], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env }, timeout: 300000 });
  return r.status === 0;
}

async function main() {
  let ok = true;
  const vendors = await loadVendors();

  // 1. Prism mocks: public tier.
  const mockPorts = vendors.map((v) => 4110 + v.order);
  vendors.forEach((v, i) => start(prism, ['mock', '-h', HOST, '-p', String(mockPorts[i]), '-v', 'silent', v.file], `Prism mock of ${v.id}`));
  await Promise.all(mockPorts.map((p) => waitForPort(p, 'Prism mock')));
  ok = contract(
    {
      ...Object.fromEntries(vendors.map((v, i) => [`CONTRACT_${envName(v.id)}_URL`, `http://${HOST}:${mockPorts[i]}`])),
      CONTRACT_TIERS: 'public',
      CONTRACT_REPORT: 'reports/contract-prism-mock.json',
      CONTRACT_JUNIT: 'reports/contract-prism-mock-junit.xml',
      CONTRACT_REPORT_DIR: 'reports/contract-prism-mock',
    },
    'public tier against Prism mocks',
  ) && ok;
  stopAll();

  // 2. Prism validation proxies in front of the mock: flow tier.
  const mockPort = 4120;
  start(process.execPath, ['dist/mock-server/main.js', '--port', String(mockPort), '--host', HOST], 'authmock');
  await waitForPort(mockPort, 'authmock');
  const proxyPorts = vendors.map((v) => 4120 + v.order);
  vendors.forEach((v, i) => start(prism, ['proxy', '-h', HOST, '-p', String(proxyPorts[i]), '-v', 'silent', v.file, `http://${HOST}:${mockPort}${v.basePath}`], `Prism proxy for ${v.id}`));
  await Promise.all(proxyPorts.map((p) => waitForPort(p, 'Prism proxy')));
  ok = contract(
    {
      ...Object.fromEntries(vendors.map((v, i) => [`CONTRACT_${envName(v.id)}_URL`, `http://${HOST}:${proxyPorts[i]}`])),
      CONTRACT_ADMIN_URL: `http://${HOST}:${mockPort}`,
      CONTRACT_TIERS: 'flow',
      CONTRACT_FAIL_ON_SL_VIOLATIONS: '1',
      CONTRACT_REPORT: 'reports/contract-prism-proxy.json',
      CONTRACT_JUNIT: 'reports/contract-prism-proxy-junit.xml',
      CONTRACT_REPORT_DIR: 'reports/contract-prism-proxy',
    },
    'flow tier through Prism validation proxies',
  ) && ok;
  stopAll();
  if (!ok) process.exitCode = 1;
}

process.on('SIGINT', () => {
  stopAll();
  process.exit(130);
});
main().catch((err) => {
  console.error(`ci-prism: ${err.message}`);
  stopAll();
  process.exitCode = 1;
});
