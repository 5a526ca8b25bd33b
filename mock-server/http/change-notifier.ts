import type { NextFunction, Request, Response } from 'express';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Tells `onChange` when a request that may have changed state has been
 * answered. Safe methods change nothing here, so they cost a set look-up.
 */
export function changeNotifier(onChange: () => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    // 'close' also fires when the client went away before the answer: the change still happened.
    if (!SAFE.has(req.method)) res.once('close', onChange);
    next();
  };
}
