import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../domain/logger';
import { problem } from './problem';
import { send } from './responder';

export function notFound(knownPaths: readonly string[]) {
  return (req: Request, res: Response): void => {
    send(res, problem(404, `No operation is served at ${req.method} ${req.path}`, { knownPaths }));
  };
}

export { consoleLogger, type Logger } from '../domain/logger';

/** Last resort: log the exception, answer problem+json without a stack trace. */
export function unexpectedError(logger: Logger) {
  // Express recognises error middleware by its four parameters.
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    logger.error(`Unexpected error on ${req.method} ${req.path}`, err);
    if (res.headersSent) {
      res.end();
      return;
    }
    send(res, problem(500, 'An unexpected error occurred; it has been logged'));
  };
}
