import type { Stage } from './exchange';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Where a request that may have changed state was served. */
export interface StateChange {
  /** The world's name: 'default' or a tenant's. */
  world: string;
  /** The operation that answered, when one did. */
  operationId?: string;
}

/**
 * Tells `onChange` when a request that may have changed state has been
 * answered, and in which world. Safe methods change nothing here, so they
 * cost a set look-up.
 */
export function changeNotifier(onChange: (change: StateChange) => void): Stage {
  return (req, res, next) => {
    // 'close' also fires when the client went away before the answer: the change still happened.
    if (!SAFE.has(req.method)) {
      res.once('close', () => {
        onChange({ world: (res.locals.world as { name?: string } | undefined)?.name ?? 'default', operationId: res.locals.operation?.operationId });
      });
    }
    next();
  };
}

/** Whether a request may change state: anything but GET, HEAD and OPTIONS. */
export const mayChange = (method: string): boolean => !SAFE.has(method);
