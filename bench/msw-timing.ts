import http from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * Run by the bench in a process of its own: what authmock/msw costs a test
 * file. The first `createHandlers()` (the module and the precompiled specs
 * loaded), later ones, and a warm Edge Impulse login through msw's
 * `setupServer` (fetch to the vendor's URL, answered in-process) beside the
 * same login over HTTP to a `startMock()` in this process. Prints one JSON line.
 */
const RUNS = Number(process.argv[2] ?? 20);
const LOGIN = JSON.stringify({ username: 'nobody-here', password: 'not-a-password' });

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (n: number): number => Math.round(n * 100) / 100;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** One login over a kept-alive connection, as an app's fetch makes it. */
function httpLogin(agent: http.Agent, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/v1/api-login`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(LOGIN) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(LOGIN);
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the module is part of what is timed
  const { createHandlers } = require('../mock-server/msw') as typeof import('../mock-server/msw');
  const first = createHandlers();
  const firstMs = performance.now() - started;
  const later: number[] = [];
  for (let i = 0; i < RUNS; i++) later.push(await timed(async () => createHandlers()));

  // eslint-disable-next-line @typescript-eslint/no-require-imports -- msw is a peer dependency, loaded only here
  const { setupServer } = require('msw/node') as typeof import('msw/node');
  const server = setupServer(...first.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const mswLogin = async (): Promise<number> => (await fetch('https://studio.edgeimpulse.com/v1/api-login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: LOGIN })).status;
  for (let i = 0; i < 50; i++) await mswLogin();
  const viaMsw: number[] = [];
  for (let i = 0; i < RUNS * 5; i++) viaMsw.push(await timed(mswLogin));
  server.close();

  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the server path, for comparison in the same process
  const { startMock } = require('../mock-server/server') as typeof import('../mock-server/server');
  const mock = await startMock({ port: 0, host: '127.0.0.1' });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; i < 50; i++) await httpLogin(agent, mock.url);
  const viaHttp: number[] = [];
  for (let i = 0; i < RUNS * 5; i++) viaHttp.push(await timed(() => httpLogin(agent, mock.url)));
  agent.destroy();
  await mock.close();

  console.log(
    JSON.stringify({
      firstCreateHandlersMs: round(firstMs),
      createHandlersMs: round(median(later)),
      mswLoginMs: round(median(viaMsw)),
      httpLoginMs: round(median(viaHttp)),
    }),
  );
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exitCode = 1;
});
