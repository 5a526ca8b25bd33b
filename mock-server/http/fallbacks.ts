import type { NextFunction, Request, Response } from 'express';
import { redactPath } from '../../contracts/core/redact';
import type { Logger } from '../domain/logger';
import { describeError } from './logger';
import { problem } from './problem';
import { send } from './responder';

export function notFound(knownPaths: readonly string[]) {
  return (req: Request, res: Response): void => {
    send(res, problem(404, `No operation is served at ${req.method} ${req.path}`, { knownPaths }));
  };
}

export { consoleLogger, type Logger } from '../domain/logger';

/**
 * Last resort, for the mock's own bugs: logged once with the stack (never the
 * request body), answered with problem+json without a stack trace.
 */
export function unexpectedError(logger: Logger) {
  // Express recognises error middleware by its four parameters.
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    logger.error(`Unexpected error on ${req.method} ${req.path}\n${describeError(err)}`);
    if (res.headersSent) {
      res.end();
      return;
    }
    send(res, problem(500, 'An unexpected error occurred; it has been logged'));
  };
}

/**
 * At debug level: one line per answered request (method, path, status, time;
 * never a body), and a client that hangs up before its answer as a debug line,
 * not an error. Mounted only when debug lines are on.
 */
export function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const debug = logger.debug;
    if (debug) {
      const started = performance.now();
      res.once('close', () => {
        // A code in the path (an invitation's) is a secret: the operation's template says where.
        const op = res.locals.operation as { fullPath: string } | undefined;
        const path = op ? redactPath(op.fullPath, req.path) : req.path;
        if (res.writableFinished) debug(`${req.method} ${path} ${res.statusCode} ${(performance.now() - started).toFixed(1)} ms`);
        else debug(`client closed the connection before the answer to ${req.method} ${path}`);
      });
    }
    next();
  };
}
