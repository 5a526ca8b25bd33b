import type { IncomingMessage, ServerResponse } from 'node:http';
import supertest from 'supertest';
import { checkResponse, loadCompiledSpecs, type CompiledOperation, type CompiledSpec, type Violation } from '../../contracts/core';
import { FIXTURE_ACCOUNTS, type FixtureAccount } from '../../fixtures';
import type { ConfigInput } from '../../mock-server/config';
import { createApp, type MockApp } from '../../mock-server/create-app';
import { ManualClock } from '../../mock-server/domain/clock';
import { seededRandom, type RandomSource } from '../../mock-server/domain/random';
import type { Logger } from '../../mock-server/http/fallbacks';
import type { ApiModule } from '../../mock-server/http/types';
import { exchangeLocals } from '../../mock-server/http/node/adapter';
import type { Runtime } from '../../mock-server/runtime';

let specs: Promise<Map<string, CompiledSpec>> | undefined;
/** Specs are loaded and compiled once per test file, as the mock does once per start. */
export const compiledSpecs = (): Promise<Map<string, CompiledSpec>> => (specs ??= loadCompiledSpecs());

interface Recorded {
  method: string;
  path: string;
  op?: CompiledOperation;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface Harness {
  app: MockApp;
  runtime: Runtime;
  clock: ManualClock;
  request: ReturnType<typeof supertest>;
  /** The recording request handler, for a real server (`http.createServer(h.handler)`) when a client needs a URL. */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  logged: unknown[];
  /** Every response so far, checked against its operation in the specs. */
  violations(): Violation[];
  /** The operations (`spec operationId`) whose responses were checked. */
  checkedOperations(): Set<string>;
}

export interface HarnessOptions {
  fixtures?: readonly FixtureAccount[];
  config?: ConfigInput;
  apis?: readonly ApiModule[];
  /** Defaults to a seeded source, so runs repeat. */
  random?: RandomSource;
  /** How fault delays and latency wait; a timer when absent. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * A mock on a manual clock with a seeded random source. Every response goes
 * through a recorder, so a test file can check all of them against the spec.
 */
export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = new ManualClock();
  const logged: unknown[] = [];
  const logger: Logger = { warn: (m) => logged.push([m]), error: (m, err) => logged.push([m, err]) };
  const app = createApp({
    specs: await compiledSpecs(),
    clock,
    random: options.random ?? seededRandom('authmock-tests'),
    fixtures: options.fixtures ?? FIXTURE_ACCOUNTS,
    config: options.config,
    apis: options.apis,
    sleep: options.sleep,
    logger,
  });
  const recorded: Recorded[] = [];
  const recorder = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    // Streamed answers (server-sent events) arrive through write(), the rest through end().
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    res.write = ((...args: unknown[]) => {
      const chunk = args[0];
      if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) chunks.push(Buffer.from(chunk));
      return write(...args);
    }) as typeof res.write;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      const chunk = args[0];
      if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) chunks.push(Buffer.from(chunk));
      recorded.push({
        method: req.method ?? '',
        path: (req.url ?? '').split('?')[0],
        op: exchangeLocals(res)?.operation,
        status: res.statusCode,
        headers: Object.fromEntries(Object.entries(res.getHeaders()).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v : v === undefined ? undefined : String(v)])),
        text: Buffer.concat(chunks).toString('utf8'),
      });
      return end(...args);
    }) as typeof res.end;
    app(req as never, res as never);
  };
  return {
    app,
    runtime: app.runtime,
    clock,
    request: supertest(recorder),
    handler: recorder,
    logged,
    // Answers a fault rule or the mock's own refusal shaped (X-Authmock-Fault) are not the vendor's: the spec does not describe them.
    violations: () => recorded.filter((r) => r.op && r.headers['x-authmock-fault'] === undefined).flatMap((r) => checkResponse(r.op!, r)),
    checkedOperations: () => new Set(recorded.filter((r) => r.op).map((r) => `${r.op!.spec} ${r.op!.operationId}`)),
  };
}

/** The newest captured e-mail to an address. */
export function lastMail(h: Harness, to: string) {
  const [message] = h.runtime.mailbox.list({ to });
  if (!message) throw new Error(`No e-mail was sent to ${to}`);
  return message;
}

export const fixture = (vendor: string, role: string): FixtureAccount => {
  const f = FIXTURE_ACCOUNTS.find((a) => a.vendor === vendor && a.role === role);
  if (!f) throw new Error(`No ${vendor} fixture with role '${role}'`);
  return f;
};
