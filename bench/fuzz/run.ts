import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { loadCompiledSpecs } from '../../contracts/core';
import { createApp } from '../../mock-server/create-app';
import { closeConnections } from './http';
import { fuzzContext, fuzzOperation, type OperationResult } from './fuzz-operation';
import { MemoryWatch } from './memory';
import { Oracle } from './oracle';

/**
 * `npm run fuzz`: property-based fuzzing of every operation of every spec,
 * over real HTTP against the mock listening on 127.0.0.1 in this process.
 * Properties: no 5xx; every answer satisfies the spec or is a documented
 * request error in the API's envelope; the mock still answers normally after
 * each case; the heap stays bounded. Bounded in cases and in time.
 */
const USAGE = `Usage: npm run fuzz -- [--runs N] [--seed S] [--path P] [--operation FILTER] [--max-minutes M] [--max-heap-growth-mb MB]

  --runs N              cases per operation (default 200)
  --seed S              fast-check seed (default: random; printed)
  --path P              replay a failure from the seed and path printed with it (with --operation, only that operation's case)
  --operation FILTER    only operations whose "spec:operationId" contains FILTER
  --max-minutes M       stop after M minutes in all (default 60); a run cut short fails, naming what it skipped
  --max-heap-growth-mb  heap growth allowed after garbage collection (default 50)`;

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string' },
    seed: { type: 'string' },
    path: { type: 'string' },
    operation: { type: 'string' },
    'max-minutes': { type: 'string' },
    'max-heap-growth-mb': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

function numberFlag(name: string, value: string | undefined, fallback: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, not '${value}'`);
  return n;
}

async function main(): Promise<number> {
  if (flags.help) {
    console.log(USAGE);
    return 0;
  }
  const runs = numberFlag('runs', flags.runs, 200);
  const seed = flags.seed === undefined ? Date.now() ^ (Math.random() * 0x7fffffff) : Math.trunc(numberFlag('seed', flags.seed, 0));
  const deadline = Date.now() + numberFlag('max-minutes', flags['max-minutes'], 60) * 60_000;

  const specs = await loadCompiledSpecs(undefined, { validate: false });
  const logged: string[] = [];
  // The mock's own unexpected errors are kept, with their stacks, for the summary.
  const logger = {
    info: (): void => undefined,
    warn: (): void => undefined,
    error: (m: string, err?: unknown): void => void logged.push(`${m}: ${(err as Error)?.stack ?? String(err)}`),
  };
  // EMnify's per-IP authenticate limit would answer the seeded-login canary 429 after 100 cases: fuzzing is about bodies, not the limit.
  const app = createApp({ specs, logger, config: { apis: { emnify: { authenticateLimit: false } } } });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  const oracle = new Oracle(specs);
  const ctx = await fuzzContext(specs, port);
  const operations = [...specs.values()].flatMap((s) => s.operations).filter((op) => !flags.operation || `${op.spec}:${op.operationId}`.includes(flags.operation));
  if (operations.length === 0) throw new Error(`no operation matches '${flags.operation}'`);

  console.log(`fuzz: ${operations.length} operation(s), ${flags.path ? `replaying path ${flags.path}` : `${runs} case(s) each`}, seed ${seed}, mock on 127.0.0.1:${port}, ${ctx.tokens.length} login token(s)`);
  const memory = new MemoryWatch();
  const started = Date.now();
  const results: OperationResult[] = [];
  for (const [i, op] of operations.entries()) {
    // An operation may use half of the time left: slow ones (a state import) finish, and the rest still get time.
    const timeLimitMs = Math.max(1000, (deadline - Date.now()) / Math.min(2, operations.length - i));
    const r = await fuzzOperation(op, port, oracle, ctx, { runs, seed, path: flags.path, timeLimitMs }, memory);
    const heap = memory.afterCollection();
    if (r.notReplayable) {
      console.log(`- ${r.name}: path ${flags.path} is not one of its cases`);
      continue;
    }
    results.push(r);
    const statuses = [...r.statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(`${r.failure ? '✗' : '✓'} ${r.name}: ${r.cases} case(s)${r.interrupted ? ' (time limit reached)' : ''}${r.unsendable ? `, ${r.unsendable} not sendable` : ''}; ${statuses}; heap ${heap.toFixed(1)} MB`);
    if (r.failure) console.log(r.failure);
  }
  server.close();
  server.closeAllConnections();
  closeConnections();

  const seconds = (Date.now() - started) / 1000;
  const cases = results.reduce((n, r) => n + r.cases, 0);
  const failed = results.filter((r) => r.failure);
  const memoryReport = memory.report(numberFlag('max-heap-growth-mb', flags['max-heap-growth-mb'], 50));
  console.log(`\nfuzz: ${cases} case(s) over ${results.length} operation(s) in ${seconds.toFixed(1)} s (${(cases / seconds).toFixed(0)} cases/s), seed ${seed}`);
  console.log(`memory: ${memoryReport.summary}`);
  if (logged.length) console.log(`the mock logged ${logged.length} unexpected error(s); the first:\n${logged[0]}`);
  if (failed.length) console.log(`${failed.length} operation(s) failed: ${failed.map((r) => r.name).join(', ')}`);
  const cut = results.filter((r) => r.interrupted && !r.failure);
  if (cut.length) console.log(`--max-minutes cut ${cut.length} operation(s) short of ${runs} case(s): ${cut.map((r) => `${r.name} (${r.cases})`).join(', ')}`);
  return failed.length || cut.length || !memoryReport.ok ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`fuzz: ${err.message}`);
    process.exit(2);
  },
);
