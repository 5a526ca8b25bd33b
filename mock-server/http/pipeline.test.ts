import type { NextFunction, Request, Response } from 'express';
import { pipeline, type Stage } from './pipeline';

const req = {} as Request;
const res = {} as Response;

type Entry = string | Stage | undefined | false;

function run(stages: readonly Entry[]): Promise<{ visited: string[]; done: unknown[] }> {
  return new Promise((resolve) => {
    const visited: string[] = [];
    const mark = (name: string): Stage => (_q, _s, next) => (visited.push(name), next());
    const built = pipeline(stages.map((s) => (typeof s === 'string' ? mark(s) : s)) as Stage[]);
    const done: NextFunction = (...args: unknown[]) => resolve({ visited, done: args });
    built(req, res, done);
    // A stage that answers calls neither next nor done.
    setTimeout(() => resolve({ visited, done: ['not called'] }), 50);
  });
}

describe('pipeline', () => {
  test.each<[string, Entry[], string[], unknown[]]>([
    ['runs every stage in order, then hands on to what follows', ['a', 'b', 'c'], ['a', 'b', 'c'], []],
    ['skips a stage that is off (undefined or false)', ['a', undefined, false, 'c'], ['a', 'c'], []],
    ['stops at a stage that answers', ['a', (() => undefined) as Stage, 'c'], ['a'], ['not called']],
    ['passes an error given to next to the error handler', ['a', ((_q, _s, next) => next(new Error('boom'))) as Stage, 'c'], ['a'], [new Error('boom')]],
    ['passes a thrown error to the error handler', [((() => {
      throw new Error('thrown');
    }) as Stage), 'b'], [], [new Error('thrown')]],
    ['passes a rejected promise to the error handler', [(async () => Promise.reject(new Error('rejected'))) as Stage, 'b'], [], [new Error('rejected')]],
  ])('%s', async (_label, stages, visited, done) => {
    const result = await run(stages);
    expect(result.visited).toEqual(visited);
    expect(result.done).toEqual(done);
  });
});
