import fc from 'fast-check';
import { redactText, type CompiledOperation, type CompiledSpec } from '../../contracts/core';
import { caseArbitrary, describeCase, toRawRequest, type CaseContext, type FuzzCase } from './cases';
import { send, UnsendableRequest } from './http';
import { accountRecords, canaries, dictionary, loginTokens } from './known-values';
import type { MemoryWatch } from './memory';
import type { Oracle } from './oracle';

// A bulk seed of up to the spec's 2,000,000 users is valid but makes every case
// slow and the heap large; the bench measures scale, the fuzz robustness.
// Likewise a long poll is fuzzed with waits of at most 200 ms.
const CAPS = { count: 1000, timeoutMs: 200 };

/** What every operation's cases draw on: the specs, seeded accounts' values and login tokens of the mock on `port`. */
export async function fuzzContext(specs: Map<string, CompiledSpec>, port: number): Promise<CaseContext> {
  return { specs, dictionary: dictionary(), records: accountRecords(), tokens: await loginTokens(port), caps: CAPS };
}

export interface OperationResult {
  name: string;
  cases: number;
  statuses: Map<number, number>;
  unsendable: number;
  failure?: string;
  /** fast-check's seed and path of the shrunk failure: `--seed` and `--path` replay it. */
  replay?: { seed: number; path: string };
  interrupted: boolean;
  /** A replay whose path does not exist among this operation's cases. */
  notReplayable?: boolean;
}

/** Runs the fuzz properties over one operation; a failure comes back shrunk, with its replay command. */
export async function fuzzOperation(op: CompiledOperation, port: number, oracle: Oracle, ctx: CaseContext, options: { runs: number; seed: number; path?: string; timeLimitMs: number }, memory?: MemoryWatch): Promise<OperationResult> {
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
    memory?.tick();
    const verdict = oracle.judge(c.method, c.path, res, c.headers);
    if (!verdict.ok) throw new Error(verdict.reason);
    const adminWrite = op.spec === 'admin' && c.method !== 'GET' && res.status < 300;
    for (const canary of checks) {
      let after = await send(port, canary.request);
      let judged = oracle.judge(canary.request.method, canary.request.path, after);
      if ((!judged.ok || !canary.healthy(after.status, after.text)) && canary.readsSeededData && adminWrite) {
        // The case may have changed the seeded account on purpose; a healthy mock serves it again after a reset.
        await send(port, { method: 'POST', path: '/__admin/reset', headers: {} });
        after = await send(port, canary.request);
        judged = oracle.judge(canary.request.method, canary.request.path, after);
      }
      if (!judged.ok || !canary.healthy(after.status, after.text)) {
        throw new Error(`after this case, the ${canary.name} answered ${after.status}: ${judged.ok ? redactText(after.text.slice(0, 300)) : judged.reason}`);
      }
    }
  });
  let details: fc.RunDetails<[FuzzCase]>;
  try {
    details = await fc.check(property, {
      // A replay runs the one case at the path.
      numRuns: options.path !== undefined ? 1 : options.runs,
      seed: options.seed,
      path: options.path,
      // A replay shows the failure as found, without shrinking it again.
      endOnFailure: options.path !== undefined,
      interruptAfterTimeLimit: options.timeLimitMs,
      markInterruptAsFailure: false,
    });
  } catch (err) {
    // A path printed for one operation need not exist in another's cases.
    if (options.path !== undefined && /Unable to replay/.test((err as Error).message)) return { ...result, notReplayable: true };
    throw err;
  }
  result.interrupted = details.interrupted;
  if (details.failed) {
    const c = details.counterexample?.[0] as FuzzCase | undefined;
    result.replay = { seed: details.seed, path: details.counterexamplePath ?? '' };
    const error = redactText(details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance));
    result.failure = [
      `${name} FAILED after ${details.numRuns} case(s), shrunk ${details.numShrinks} time(s)`,
      `  ${error}`,
      c ? `  request:\n    ${describeCase(c)}` : '',
      `  replay: npm run fuzz -- --operation ${name} --seed ${details.seed} --path ${details.counterexamplePath}`,
    ].filter(Boolean).join('\n');
  }
  return result;
}

