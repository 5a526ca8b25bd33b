import { DomainError } from '../../domain/errors';
import { StateConflict } from '../../domain/user-store';
import type { operations } from '../../generated/admin';
import type { TypedHandlers } from '../../http/types';
import { restoreDocument, snapshotDocument } from '../../state/world-state';

type StateOps = Pick<operations, 'exportState' | 'importState'>;

/** Snapshots over HTTP: the same document the `--state` file holds. */
export const stateHandlers: TypedHandlers<StateOps, null> = {
  exportState(ctx) {
    return { status: 200, body: snapshotDocument(ctx.runtime, ctx.tenants) };
  },

  importState(ctx) {
    try {
      restoreDocument(ctx.runtime, ctx.tenants, ctx.body);
    } catch (err) {
      if (!(err instanceof StateConflict)) throw err;
      const field = err.pointer.slice(1).split('/').join('.');
      throw new DomainError('INVALID_INPUT', `${field}: ${err.message}; nothing was changed`, { field });
    }
    // Watchers (the console) reload everything, as after a reset.
    ctx.runtime.events.emit({ type: 'reset' });
    return { status: 204 };
  },
};
