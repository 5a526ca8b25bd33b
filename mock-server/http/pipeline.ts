import type { Logger } from '../domain/logger';
import type { ExchangeHandler, Next, PipelineRequest, PipelineResponse, Stage } from './exchange';
import { describeError } from './logger';
import { problem } from './problem';
import { send } from './responder';

export type { Stage } from './exchange';

/**
 * The stages every request goes through (console, admin guard, tenant,
 * journal, CORS, operation, fallbacks), run in order as one handler: a stage
 * for a feature that is off is simply not in the list, and no framework
 * matches layers in between. The last stage must answer. An error a stage
 * throws, rejects with or passes to `next` is the mock's own bug: logged once
 * with its stack (never the body) and answered 500 in problem+json.
 */
export function pipeline(stages: readonly (Stage | undefined | false)[], logger: Logger): ExchangeHandler {
  const steps = stages.filter((s): s is Stage => typeof s === 'function');
  return (req, res) => {
    let i = 0;
    const fail = (err: unknown): void => unexpectedError(logger, err, req, res);
    const next: Next = (err?: unknown) => {
      if (err !== undefined && err !== null) return fail(err);
      const step = steps[i++];
      if (!step) return fail(new Error('No stage answered the request'));
      try {
        const result = step(req, res, next);
        if (result instanceof Promise) result.catch(fail);
      } catch (thrown) {
        fail(thrown);
      }
    };
    next();
  };
}

/** Last resort, for the mock's own bugs: answered with problem+json without a stack trace. */
function unexpectedError(logger: Logger, err: unknown, req: PipelineRequest, res: PipelineResponse): void {
  logger.error(`Unexpected error on ${req.method} ${req.path}\n${describeError(err)}`);
  if (res.headersSent) {
    res.end();
    return;
  }
  send(res, problem(500, 'An unexpected error occurred; it has been logged'));
}
