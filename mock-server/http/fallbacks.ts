import { redactPath } from '../../contracts/core/redact';
import type { Logger } from '../domain/logger';
import type { Stage } from './exchange';
import { problem } from './problem';
import { send } from './responder';

export function notFound(knownPaths: readonly string[]): Stage {
  return (req, res) => {
    send(res, problem(404, `No operation is served at ${req.method} ${req.path}`, { knownPaths }));
  };
}

export { consoleLogger, type Logger } from '../domain/logger';

/**
 * At debug level: one line per answered request (method, path, status, time;
 * never a body), and a client that hangs up before its answer as a debug line,
 * not an error. Mounted only when debug lines are on.
 */
export function requestLog(logger: Logger): Stage {
  return (req, res, next) => {
    const debug = logger.debug;
    if (debug) {
      const started = performance.now();
      res.once('close', () => {
        // A code in the path (an invitation's) is a secret: the operation's template says where.
        const op = res.locals.operation;
        const path = op ? redactPath(op.fullPath, req.path) : req.path;
        if (res.finished) debug(`${req.method} ${path} ${res.statusCode} ${(performance.now() - started).toFixed(1)} ms`);
        else debug(`client closed the connection before the answer to ${req.method} ${path}`);
      });
    }
    next();
  };
}
