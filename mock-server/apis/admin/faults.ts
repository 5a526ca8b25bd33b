import type { FaultRuleInput } from '../../domain/faults';
import type { operations } from '../../generated/admin';
import { problem } from '../../http/problem';
import type { TypedHandlers } from '../../http/types';

type FaultOperations = Pick<operations, 'createFault' | 'listFaults' | 'deleteFault' | 'clearFaults'>;

/** `/__admin/faults`: the rules that make vendor requests fail, stall or drop on purpose. */
export const faultHandlers: TypedHandlers<FaultOperations, null> = {
  createFault(ctx) {
    return { status: 201, body: ctx.runtime.faults.add(ctx.body as FaultRuleInput) };
  },

  listFaults(ctx) {
    return { status: 200, body: { faults: ctx.runtime.faults.list() } };
  },

  deleteFault(ctx) {
    const id = ctx.params.id as string;
    return ctx.runtime.faults.remove(id) ? { status: 204 } : problem(404, `No fault rule has the id ${id}`);
  },

  clearFaults(ctx) {
    ctx.runtime.faults.clear();
    return { status: 204 };
  },
};
