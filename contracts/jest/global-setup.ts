import fs from 'node:fs';
import { loadSpecs } from '../core';
import { FIXTURE_ACCOUNTS } from '../../fixtures';
import { startMock, type RunningMock } from '../../mock-server/server';
import { PROBE_KEYS, readEnvironment, vendorBase, VENDORS } from '../kit/environment';

declare global {
  // The in-process mock, shared with the global teardown.
  var __authmockContractMock: RunningMock | undefined;
}

async function probe(url: string, init: RequestInit = {}): Promise<Response | string> {
  try {
    return await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(5000) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return `${url} cannot be reached (${cause?.code ?? cause?.message ?? (err as Error).message})`;
  }
}

/**
 * Decides what the suites run against, once, before any suite: the targets
 * from the environment, or the mock started here on an ephemeral port. What
 * it finds out reaches the suites through environment variables.
 */
export default async function globalSetup(): Promise<void> {
  const env = readEnvironment();
  fs.rmSync(env.reportDir, { recursive: true, force: true });

  if (!env.baseUrl && Object.keys(env.vendorUrls).length === 0) {
    const mock = await startMock({ port: 0, host: '127.0.0.1' });
    globalThis.__authmockContractMock = mock;
    process.env.CONTRACT_BASE_URL = mock.url;
    process.env[PROBE_KEYS.inProcess] = '1';
    // Our own mock: its fixtures are the credentials, and writes harm nothing.
    const ei = FIXTURE_ACCOUNTS.find((a) => a.vendor === 'edge-impulse' && a.role === 'active')!;
    const em = FIXTURE_ACCOUNTS.find((a) => a.vendor === 'emnify' && a.role === 'active')!;
    const login = await fetch(`${mock.url}/v1/api-login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: ei.username, password: ei.password }) });
    process.env.CONTRACT_EDGE_IMPULSE_JWT ??= ((await login.json()) as { token: string }).token;
    process.env.CONTRACT_EMNIFY_USERNAME ??= em.username!;
    process.env.CONTRACT_EMNIFY_PASSWORD ??= em.password!;
    process.env.CONTRACT_ALLOW_WRITES ??= '1';
  }
  const resolved = readEnvironment();

  const specs = await loadSpecs();
  for (const vendor of VENDORS) {
    const base = vendorBase(resolved, vendor, specs.get(vendor)!.basePath);
    if (!base) continue;
    const answer = await probe(base, { method: 'HEAD' });
    if (typeof answer === 'string') process.env[PROBE_KEYS.unreachable(vendor)] = answer;
  }

  const adminBase = resolved.adminUrl ?? resolved.baseUrl;
  if (!adminBase) {
    process.env[PROBE_KEYS.adminReason] = 'no CONTRACT_ADMIN_URL or CONTRACT_BASE_URL to look for the /__admin API at';
    return;
  }
  const admin = await probe(`${adminBase}/__admin/users?vendor=akana`);
  if (typeof admin !== 'string' && admin.status === 200 && (await admin.json().catch(() => undefined) as { users?: unknown } | undefined)?.users) {
    process.env[PROBE_KEYS.admin] = adminBase;
  } else {
    process.env[PROBE_KEYS.adminReason] = `the target has no authmock /__admin API at ${adminBase}/__admin (${typeof admin === 'string' ? admin : `GET /__admin/users answered ${admin.status}`})`;
  }
}
