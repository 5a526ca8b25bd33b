import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { fuzzContext, fuzzOperation } from '../../bench/fuzz/fuzz-operation';
import { closeConnections } from '../../bench/fuzz/http';
import { Oracle } from '../../bench/fuzz/oracle';
import { createApp } from '../../mock-server/create-app';
import { compiledSpecs } from '../support/harness';

/**
 * The fuzz against the real mock, and against the mock with a planted fault:
 * Brotli bodies on Akana answer 500. The fuzz must find it, print a replay
 * command, and the replay must fail the same way in one case.
 */
async function listen(planted: boolean): Promise<{ server: Server; port: number }> {
  const specs = await compiledSpecs();
  const mock = createApp({ specs, logger: { info: () => undefined, warn: () => undefined, error: () => undefined } });
  const app = express();
  if (planted) {
    app.use((req, res, next) => {
      if (req.path === '/api/users/resendActivation' && req.headers['content-encoding'] === 'br') res.status(500).json({ code: 500, message: 'planted' });
      else next();
    });
  }
  app.use(mock);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { server, port: (server.address() as AddressInfo).port };
}

describe('fuzzing one operation', () => {
  afterAll(() => closeConnections());

  test('passes against the mock and counts every case it sent', async () => {
    const specs = await compiledSpecs();
    const { server, port } = await listen(false);
    try {
      const ctx = await fuzzContext(specs, port);
      const op = specs.get('akana')!.byOperationId.get('resendActivation')!;
      const result = await fuzzOperation(op, port, new Oracle(specs), ctx, { runs: 60, seed: 5, timeLimitMs: 60_000 });
      expect(result.failure).toBeUndefined();
      expect(result.cases + result.unsendable).toBe(60);
      expect([...result.statuses.keys()].every((s) => s < 500)).toBe(true);
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });

  test('finds a planted 500, prints its seed and path, and replays it from them', async () => {
    const specs = await compiledSpecs();
    const { server, port } = await listen(true);
    try {
      const ctx = await fuzzContext(specs, port);
      const op = specs.get('akana')!.byOperationId.get('resendActivation')!;
      const oracle = new Oracle(specs);
      const found = await fuzzOperation(op, port, oracle, ctx, { runs: 300, seed: 5, timeLimitMs: 60_000 });
      expect(found.failure).toContain('answered 500');
      expect(found.failure).toContain('"content-encoding":"br"');
      expect(found.failure).toContain(`--operation akana:resendActivation --seed ${found.replay!.seed} --path ${found.replay!.path}`);

      const replayed = await fuzzOperation(op, port, oracle, ctx, { runs: 300, seed: found.replay!.seed, path: found.replay!.path, timeLimitMs: 60_000 });
      expect(replayed.failure).toContain('answered 500');
      expect(replayed.cases).toBe(1);
      // The replay sends the shrunk request, not the one first found.
      const request = (text: string): string => text.slice(text.indexOf('request:'), text.indexOf('replay:'));
      expect(request(replayed.failure!)).toBe(request(found.failure!));
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });
});
