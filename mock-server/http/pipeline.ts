import type { NextFunction, Request, Response } from 'express';

/** One stage of the request pipeline: a middleware that either answers or passes on. */
export type Stage = (req: Request, res: Response, next: NextFunction) => unknown;

/**
 * The stages every request goes through (console, admin guard, tenant,
 * journal, CORS, operation, fallbacks), run in order as one middleware: Express
 * matches one layer instead of one per stage, and a stage for a feature that
 * is off is simply not in the list. An error thrown or a promise rejected by a
 * stage goes to Express's error handler, as from any middleware.
 */
export function pipeline(stages: readonly (Stage | undefined | false)[]): (req: Request, res: Response, done: NextFunction) => void {
  const steps = stages.filter((s): s is Stage => typeof s === 'function');
  return (req, res, done) => {
    let i = 0;
    const next: NextFunction = (err?: unknown) => {
      if (err !== undefined && err !== null && err !== 'route' && err !== 'router') return done(err);
      const step = steps[i++];
      if (!step) return done();
      try {
        const result = step(req, res, next);
        if (result instanceof Promise) result.catch(done);
      } catch (thrown) {
        done(thrown);
      }
    };
    next();
  };
}
