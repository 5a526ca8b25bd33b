import http from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * Run by the bench in a process of its own, as a fresh test worker would be:
 * the first `startMock()` (modules loaded and specs read included) to a served
 * request, later ones, `POST /__admin/reset` and a new tenant's first request,
 * each against a warm login on the same server. Prints one JSON line.
 */
const RUNS = Number(process.argv[2] ?? 20);
const LOGIN = JSON.stringify({ username: 'nobody-here', password: 'not-a-password' });

/** One request over a fresh connection, as a test's first call makes. */
function request(url: string, method: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent: false, headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (n: number): number => Math.round(n * 100) / 100;

async function main(): Promise<void> {
  const started = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the module is part of what is timed
  const { startMock } = require('../mock-server/server') as typeof import('../mock-server/server');
  const first = await startMock({ port: 0 });
  await request(`${first.url}/v1/api-login`, 'POST', LOGIN);
  const firstStartMs = performance.now() - started;
  await first.close();

  const later: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let close: () => Promise<void> = async () => undefined;
    later.push(
      await timed(async () => {
        const mock = await startMock({ port: 0 });
        close = () => mock.close();
        await request(`${mock.url}/v1/api-login`, 'POST', LOGIN);
      }),
    );
    await close();
  }

  const mock = await startMock({ port: 0 });
  const login = (prefix = ''): Promise<number> => request(`${mock.url}${prefix}/v1/api-login`, 'POST', LOGIN);
  for (let i = 0; i < 50; i++) await login();
  const warm: number[] = [];
  const reset: number[] = [];
  const tenant: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    warm.push(await timed(() => login()));
    reset.push(await timed(() => request(`${mock.url}/__admin/reset`, 'POST')));
    tenant.push(await timed(() => login(`/__tenants/bench-new-${i}`)));
  }
  await mock.close();
  const warmMs = median(warm);
  console.log(
    JSON.stringify({
      firstStartMs: round(firstStartMs),
      startMockMs: round(median(later)),
      warmLoginMs: round(warmMs),
      resetMs: round(median(reset)),
      resetOverWarmMs: round(median(reset) - warmMs),
      newTenantMs: round(median(tenant)),
      newTenantOverWarmMs: round(median(tenant) - warmMs),
    }),
  );
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exitCode = 1;
});
