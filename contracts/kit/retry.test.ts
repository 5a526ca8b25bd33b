import { compileOperation } from '../core';
import { extractOperations } from '../core/operations';
import type { OpenAPIV3 } from 'openapi-types';
import { RetryPolicy, retryAfterMs } from './retry';
import type { Clock } from './pacing';

const doc: OpenAPIV3.Document = {
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths: {
    '/resend': {
      post: {
        operationId: 'resend',
        responses: {
          '204': { description: 'sent' },
          '429': { description: 'too soon', content: { 'application/json': { schema: { type: 'object', required: ['error_code'], properties: { error_code: { type: 'integer' } } } } } },
        },
      },
    },
  },
};
const op = compileOperation(extractOperations('v', '', doc)[0]);
const clock: Clock = { now: () => Date.parse('2026-12-03T12:00:00Z'), sleep: async () => undefined };
const answer = (status: number, headers: Record<string, string>, text = '') => ({ status, headers, text });

describe('which answers are a busy gateway’s, and retried', () => {
  test.each([
    ['a plain-text 429 with Retry-After: 1', answer(429, { 'retry-after': '1', 'content-type': 'text/plain' }, 'Too Many Requests'), 1000],
    ['a 503 the operation does not document, with an HTTP date', answer(503, { 'retry-after': 'Thu, 03 Dec 2026 12:00:02 GMT' }), 2000],
    ['the vendor’s own documented 429 envelope', answer(429, { 'retry-after': '1', 'content-type': 'application/json' }, '{"error_code":1105}'), undefined],
    ['a 429 without Retry-After', answer(429, { 'content-type': 'text/plain' }, 'slow down'), undefined],
    ['a Retry-After longer than a minute', answer(429, { 'retry-after': '61' }), undefined],
    ['a 500 with Retry-After', answer(500, { 'retry-after': '1' }), undefined],
  ])('%s', (_label, response, wait) => {
    expect(new RetryPolicy(3, clock).waitFor(op, response, 0)).toBe(wait);
  });

  test('after the allowed number of retries the answer stands', () => {
    const policy = new RetryPolicy(2, clock);
    const busy = answer(429, { 'retry-after': '1' }, 'busy');
    expect(policy.waitFor(op, busy, 1)).toBe(1000);
    expect(policy.waitFor(op, busy, 2)).toBeUndefined();
  });

  test('the run’s waiting is bounded in all, and every wait is recorded for the report', async () => {
    const policy = new RetryPolicy(100, clock, { maxWaitMs: 60_000, budgetMs: 5_000 });
    const busy = answer(503, { 'retry-after': '2' }, 'busy');
    let waits = 0;
    for (let i = 0; i < 10; i++) {
      const ms = policy.waitFor(op, busy, 0);
      if (ms === undefined) break;
      await policy.wait(op, 503, ms);
      waits++;
    }
    expect(waits).toBe(2);
    expect(policy.records).toEqual([
      { vendor: 'v', operationId: 'resend', status: 503, waitedMs: 2000 },
      { vendor: 'v', operationId: 'resend', status: 503, waitedMs: 2000 },
    ]);
  });
});

test.each([
  ['0', 0],
  [' 3 ', 3000],
  ['Thu, 03 Dec 2026 11:59:00 GMT', 0],
  ['soon', undefined],
  [undefined, undefined],
])('Retry-After %p is %p ms from now', (value, ms) => {
  expect(retryAfterMs(value, clock.now())).toBe(ms);
});
