import { DomainError } from '../../domain/errors';
import { StateConflict } from '../../domain/user-store';
import type { operations } from '../../generated/admin';
import type { TypedHandlers } from '../../http/types';
import { restoreWorld, snapshotWorld, stateDocument } from '../../state/world-state';

type StateOps = Pick<operations, 'exportState' | 'importState'>;

/** Snapshots over HTTP: the same document the `--state` file holds. */
export const stateHandlers: TypedHandlers<StateOps, null> = {
  exportState(ctx) {
    return { status: 200, body: stateDocument(snapshotWorld(ctx.runtime), ctx.runtime.clock.now()) };
  },

  importState(ctx) {
    try {
      restoreWorld(ctx.runtime, ctx.body.world);
    } catch (err) {
      if (!(err instanceof StateConflict)) throw err;
      const pointer = `/world${err.pointer}`;
      throw new DomainError('INVALID_INPUT', `${pointer.slice(1).split('/').join('.')}: ${err.message}; nothing was changed`, { field: pointer.slice(1).split('/').join('.') });
    }
    return { status: 204 };
  },
};
