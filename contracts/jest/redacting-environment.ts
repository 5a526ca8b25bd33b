import NodeEnvironment from 'jest-environment-node';
import type { Circus } from '@jest/types';
import { redact, redactText } from '../core';

/**
 * The contract suites' test environment: jest's node environment, with every
 * failure redacted before jest formats it. The kit's own messages are
 * redacted when written; this also covers any other assertion in a suite
 * (a `toEqual` diff that prints a token the target sent back), so no secret
 * reaches the console or the JUnit file.
 */
export default class RedactingEnvironment extends NodeEnvironment {
  async handleTestEvent(event: Circus.Event, state: Circus.State): Promise<void> {
    if (event.name === 'test_fn_failure' || event.name === 'hook_failure') redactError(event.error);
    if (event.name === 'test_done') for (const error of event.test.errors) redactError(error);
    if (event.name === 'run_finish') {
      redactTree(state.rootDescribeBlock);
      for (const error of state.unhandledErrors) redactError(error);
    }
  }
}

function redactTree(block: Circus.DescribeBlock): void {
  for (const child of block.children) {
    if (child.type === 'describeBlock') redactTree(child);
    else for (const error of child.errors) redactError(error);
  }
}

/** In place: jest keeps these very objects and formats them later. */
function redactError(value: unknown): void {
  if (Array.isArray(value)) {
    for (const v of value) redactError(v);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const error = value as { message?: unknown; stack?: unknown; matcherResult?: { message?: unknown; actual?: unknown; expected?: unknown } };
  if (typeof error.message === 'string') error.message = redactText(error.message);
  if (typeof error.stack === 'string') error.stack = redactText(error.stack);
  const result = error.matcherResult;
  if (result && typeof result === 'object') {
    if (typeof result.message === 'string') result.message = redactText(result.message);
    if ('actual' in result) result.actual = redact(result.actual);
    if ('expected' in result) result.expected = redact(result.expected);
  }
}
