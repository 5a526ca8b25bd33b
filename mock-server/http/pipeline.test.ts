import type { Logger } from '../domain/logger';
import type { Stage } from './exchange';
import { serveFetch, toResponse } from './fetch/adapter';
import { pipeline } from './pipeline';
import { send } from './responder';

type Entry = string | Stage | undefined | false;

/** Runs the stages for one request; every named stage passes on, and the last answers 200. */
async function run(stages: readonly Entry[]): Promise<{ visited: string[]; status: number; body: string; logged: string[] }> {
  const visited: string[] = [];
  const logged: string[] = [];
  const logger: Logger = { error: (m) => logged.push(m), warn: () => undefined, info: () => undefined };
  const mark = (name: string): Stage => (_q, _s, next) => (visited.push(name), next());
  const answer: Stage = (_q, res) => (visited.push('answer'), send(res, { status: 200, body: { ok: true } }));
  const handle = pipeline([...stages.map((s) => (typeof s === 'string' ? mark(s) : s)), answer], logger);
  const outcome = await serveFetch(handle, new Request('http://mock.test/x'));
  if (outcome === 'dropped') throw new Error('dropped');
  return { visited, status: outcome.status, body: await toResponse(outcome).text(), logged };
}

const boom = (): never => {
  throw new Error('thrown');
};

describe('pipeline', () => {
  test.each<[string, Entry[], string[], number]>([
    ['runs every stage in order, then the one that answers', ['a', 'b', 'c'], ['a', 'b', 'c', 'answer'], 200],
    ['skips a stage that is off (undefined or false)', ['a', undefined, false, 'c'], ['a', 'c', 'answer'], 200],
    ['stops at a stage that answers', ['a', ((_q, res) => send(res, { status: 204 })) as Stage, 'c'], ['a'], 204],
    ['answers 500 for an error given to next', ['a', ((_q, _s, next) => next(new Error('boom'))) as Stage, 'c'], ['a'], 500],
    ['answers 500 for a thrown error', [boom as Stage, 'b'], [], 500],
    ['answers 500 for a rejected promise', [(async () => Promise.reject(new Error('rejected'))) as Stage, 'b'], [], 500],
  ])('%s', async (_label, stages, visited, status) => {
    const result = await run(stages);
    expect(result.visited).toEqual(visited);
    expect(result.status).toBe(status);
  });

  test('a failing stage is logged with its stack, and the answer is problem+json without it', async () => {
    const result = await run([boom as Stage]);
    expect(result.logged).toHaveLength(1);
    expect(result.logged[0]).toMatch(/^Unexpected error on GET \/x\nError: thrown\n\s+at /);
    expect(JSON.parse(result.body)).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'An unexpected error occurred; it has been logged' });
    expect(result.body).not.toContain('at ');
  });

  test('a pipeline in which no stage answers is a bug of the mock: 500, logged', async () => {
    const handle = pipeline([], { error: () => undefined, warn: () => undefined, info: () => undefined });
    const outcome = await serveFetch(handle, new Request('http://mock.test/'));
    expect(outcome !== 'dropped' && outcome.status).toBe(500);
  });
});
