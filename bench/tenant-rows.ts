import { execFileSync } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { waitUntilServing } from './processes';
import type { RowTools } from './paired-rows';
import { median, round } from './stats';

export interface TenantRow {
  tenants: number;
  defaultRps: number;
  spreadRps: number;
  ratio: number;
  heapBytesPerTenant: number;
}

const TENANTS = 64;

/**
 * The cost of tenants: Edge Impulse login spread over 64 tenants (each request
 * names one by its path prefix, in turn) against login in the default world,
 * on one server, in turns (A B A B); and the heap an idle tenant seeded with
 * the fixtures takes.
 */
export async function measureTenants(
  tools: RowTools & { duration: number; connections: number; root: string },
  login: { path: string; headers: Record<string, string>; body: string },
): Promise<TenantRow> {
  const port = 4701;
  const base = `http://${tools.host}:${port}`;
  const server = tools.startOurs(port);
  try {
    await waitUntilServing(() => fetch(`${base}/__admin/users?vendor=akana`), process.hrtime.bigint());
    const names = Array.from({ length: TENANTS }, (_, i) => `bench-${i}`);
    // Each tenant is created (and seeded) by its first request, before anything is measured.
    for (const n of names) await (await fetch(`${base}/__tenants/${n}/v1${login.path}`, { method: 'POST', headers: login.headers, body: login.body })).arrayBuffer();
    const spread = async (): Promise<number> => {
      const requests = names.map((n) => ({ method: 'POST' as const, path: `/__tenants/${n}/v1${login.path}`, headers: login.headers, body: login.body }));
      const result = await autocannon({ url: base, requests, connections: tools.connections, duration: tools.duration, timeout: 10 } as autocannon.Options);
      return result.requests.average;
    };
    const plain = (): Promise<number> => tools.loadRps(`${base}/v1${login.path}`, login.headers, login.body);
    await plain();
    await spread();
    const runs: { a: number; b: number }[] = [];
    for (let r = 0; r < tools.rounds; r++) runs.push({ a: await plain(), b: await spread() });
    const out = execFileSync(process.execPath, ['--expose-gc', path.join(tools.root, 'dist/bench/tenant-memory.js'), String(tools.smoke ? 50 : 257)], { encoding: 'utf8', timeout: 120_000 });
    const row: TenantRow = {
      tenants: TENANTS,
      defaultRps: round(median(runs.map((x) => x.a)), 0),
      spreadRps: round(median(runs.map((x) => x.b)), 0),
      ratio: round(median(runs.map((x) => x.b / x.a))),
      heapBytesPerTenant: (JSON.parse(out) as { heapBytesPerTenant: number }).heapBytesPerTenant,
    };
    console.log(`login over ${TENANTS} tenants: ${row.spreadRps} req/s vs ${row.defaultRps} in the default world (${row.ratio}×); an idle tenant: ${row.heapBytesPerTenant} bytes of heap`);
    return row;
  } finally {
    await server.stop();
  }
}

export function tenantMarkdown(row: TenantRow | undefined, mark: (ok: boolean) => string): string[] {
  if (!row) return [];
  return [
    '',
    `Tenants: Edge Impulse login spread over ${row.tenants} tenants (\`/__tenants/NAME\`, in turn) against login in the default world, on one server, in turns.`,
    '',
    '| default world req/s | spread over tenants req/s | ratio | heap per idle tenant (fixtures seeded) |',
    '|---|---|---|---|',
    `| ${row.defaultRps} | ${row.spreadRps} | ${row.ratio}× ${mark(row.ratio >= 0.9)} | ${row.heapBytesPerTenant.toLocaleString('en')} bytes |`,
  ];
}
