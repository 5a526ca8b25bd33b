import { checkResponse, documentedResponse, type CompiledOperation, type ObservedResponse } from '../core';
import { realClock, type Clock } from './pacing';

/**
 * Staging sits behind gateways that answer 429 or 503 with `Retry-After`
 * when they are busy. Such an answer says nothing about the vendor's
 * contract, so the kit waits and asks again, a bounded number of times and
 * for a bounded time in all, and counts it in the report. An answer the
 * operation documents, in the documented shape, is the vendor's own (a test
 * may well have provoked it, e.g. a resend limit) and is never retried.
 */
export interface RetryRecord {
  vendor: string;
  operationId: string;
  status: number;
  waitedMs: number;
}

export const RETRY_DEFAULTS = {
  retries: 3,
  /** A single Retry-After longer than this is not waited for: the answer stands. */
  maxWaitMs: 60_000,
  /** All the waiting of one run together. */
  budgetMs: 120_000,
};

export class RetryPolicy {
  readonly records: RetryRecord[] = [];
  private spentMs = 0;

  constructor(
    readonly retries = RETRY_DEFAULTS.retries,
    private readonly clock: Clock = realClock,
    private readonly limits = { maxWaitMs: RETRY_DEFAULTS.maxWaitMs, budgetMs: RETRY_DEFAULTS.budgetMs },
  ) {}

  /** How long to wait before asking again, or undefined when the answer stands. */
  waitFor(op: CompiledOperation, response: ObservedResponse, attempt: number): number | undefined {
    if (attempt >= this.retries || (response.status !== 429 && response.status !== 503)) return undefined;
    const header = response.headers['retry-after'];
    const wait = retryAfterMs(Array.isArray(header) ? header[0] : header, this.clock.now());
    if (wait === undefined || wait > this.limits.maxWaitMs || this.spentMs + wait > this.limits.budgetMs) return undefined;
    const vendorsOwn = documentedResponse(op, response.status) !== undefined && checkResponse(op, response).length === 0;
    return vendorsOwn ? undefined : wait;
  }

  async wait(op: CompiledOperation, status: number, ms: number): Promise<void> {
    this.spentMs += ms;
    this.records.push({ vendor: op.spec, operationId: op.operationId, status, waitedMs: ms });
    await this.clock.sleep(ms);
  }
}

/** `Retry-After` as milliseconds from now: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
