import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { loadCompiledSpecs, type CompiledOperation } from '../../contracts/core';
import { createApp } from '../../mock-server/create-app';
import { caseArbitrary, describeCase, toRawRequest, type CaseContext, type FuzzCase } from './cases';
import { closeConnections, send, UnsendableRequest } from './http';
import { accountRecords, canaries, dictionary, loginTokens } from './known-values';
import { MemoryWatch } from './memory';
import { Oracle } from './oracle';

/**
 * `npm run fuzz`: property-based fuzzing of every operation of every spec,
 * over real HTTP against the mock listening on 127.0.0.1 in this process.
 * Properties: no 5xx; every answer satisfies the spec or is a documented
 * request error in the API's envelope; the mock still answers normally after
 * each case; the heap stays bounded. Bounded in cases and in time.
 */
const USAGE = `Usage: npm run fuzz -- [--runs N] [--seed S] [--path P --operation SPEC:OPERATION_ID] [--operation FILTER] [--max-minutes M] [--max-heap-growth-mb MB]

  --runs N              cases per operation (default 200)
  --seed S              fast-check seed (default: random; printed)
  --path P              replay one failure: the path printed with it (needs --seed and --operation)
  --operation FILTER    only operations whose "spec:operationId" contains FILTER
  --max-minutes M       stop after M minutes in all (default 30); cases not run are reported
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

// A bulk seed of up to the spec's 2,000,000 users is valid but makes every case
// slow and the heap large; the bench measures scale, the fuzz robustness.
const CAPS = { count: 1000 };

interface OperationResult {
  name: string;
  cases: number;
  statuses: Map<number, number>;
  unsendable: number;
  failure?: string;
  interrupted: boolean;
}

async function fuzzOperation(op: CompiledOperation, port: number, oracle: Oracle, ctx: CaseContext, options: { runs: number; seed: number; path?: string; timeLimitMs: number }, memory: MemoryWatch): Promise<OperationResult> {
  const name = `${op.spec}:${op.operationId}`;
  const result: OperationResult = { name, cases: 0, statuses: new Map(), unsendable: 0, interrupted: false };
  const checks = canaries();
  const property = fc.asyncProperty(caseArbitrary(op, ctx), async (c: FuzzCase) => {
    // Each case starts from the fixtures, so that a failure replays alone.
    const reset = await send(port, { method: 'POST', path: '/__admin/reset', headers: {} });
    if (reset.status !== 204) throw new Error(`POST /__admin/reset answered ${reset.status} before the case`);
    let res;
    try {
      res = await send(port, toRawRequest(c));
    } catch (err) {
      if (err instanceof UnsendableRequest) {
        result.unsendable++;
        return;
      }
      throw new Error(`the request failed: ${(err as Error).message}`);
    }
    result.cases++;
    result.statuses.set(res.status, (result.statuses.get(res.status) ?? 0) + 1);
    memory.tick();
    const verdict = oracle.judge(c.method, c.path, res);
    if (!verdict.ok) throw new Error(verdict.reason);
    for (const canary of checks) {
      const after = await send(port, canary.request);
      const judged = oracle.judge(canary.request.method, canary.request.path, after);
      if (!judged.ok || !canary.healthy(after.status, after.text)) {
        throw new Error(`after this case, the ${canary.name} answered ${after.status}: ${judged.ok ? after.text.slice(0, 300) : judged.reason}`);
      }
    }
  });
  const details = await fc.check(property, {
    numRuns: options.runs,
    seed: options.seed,
    path: options.path,
    interruptAfterTimeLimit: options.timeLimitMs,
    markInterruptAsFailure: false,
  });
  result.interrupted = details.interrupted;
  if (details.failed) {
    const c = details.counterexample?.[0] as FuzzCase | undefined;
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    result.failure = [
      `${name} FAILED after ${details.numRuns} case(s), shrunk ${details.numShrinks} time(s)`,
      `  ${error}`,
      c ? `  request:\n    ${describeCase(c)}` : '',
      `  replay: npm run fuzz -- --operation ${name} --seed ${details.seed} --path ${details.counterexamplePath}`,
    ].filter(Boolean).join('\n');
  }
  return result;
}

async function main(): Promise<number> {
  if (flags.help) {
    console.log(USAGE);
    return 0;
  }
  const runs = numberFlag('runs', flags.runs, 200);
  const seed = flags.seed === undefined ? Date.now() ^ (Math.random() * 0x7fffffff) : Math.trunc(numberFlag('seed', flags.seed, 0));
  const deadline = Date.now() + numberFlag('max-minutes', flags['max-minutes'], 30) * 60_000;
  if (flags.path && !flags.operation) throw new Error('--path replays one failure: give the --operation printed with it too');

  const specs = await loadCompiledSpecs(undefined, { validate: false });
  const logged: string[] = [];
  const app = createApp({ specs, logger: { info: () => undefined, error: (m, err) => logged.push(`${m}: ${(err as Error)?.stack ?? String(err)}`) } });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  const oracle = new Oracle(specs);
  const ctx: CaseContext = { specs, dictionary: dictionary(), records: accountRecords(), tokens: await loginTokens(port), caps: CAPS };
  const operations = [...specs.values()].flatMap((s) => s.operations).filter((op) => !flags.operation || `${op.spec}:${op.operationId}`.includes(flags.operation));
  if (operations.length === 0) throw new Error(`no operation matches '${flags.operation}'`);
  if (flags.path && operations.length !== 1) throw new Error(`--path replays one operation; '${flags.operation}' matches ${operations.length}`);

  console.log(`fuzz: ${operations.length} operation(s), ${flags.path ? `replaying path ${flags.path}` : `${runs} case(s) each`}, seed ${seed}, mock on 127.0.0.1:${port}, ${ctx.tokens.length} login token(s)`);
  const memory = new MemoryWatch();
  const started = Date.now();
  const results: OperationResult[] = [];
  for (const [i, op] of operations.entries()) {
    const timeLimitMs = Math.max(1000, (deadline - Date.now()) / (operations.length - i));
    const r = await fuzzOperation(op, port, oracle, ctx, { runs, seed, path: flags.path, timeLimitMs }, memory);
    const heap = memory.afterCollection();
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
  return failed.length || !memoryReport.ok ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`fuzz: ${err.message}`);
    process.exit(2);
  },
);
