import type { components } from '../generated/admin';
import { StateConflict } from '../domain/user-store';
import type { Runtime } from '../runtime';

export type StateDocument = components['schemas']['StateDocument'];
export type WorldState = components['schemas']['WorldState'];

export const STATE_FORMAT = 'authmock-state';
export const STATE_VERSION = 1;

/** Everything one world holds that outlives a request, as plain data. */
export function snapshotWorld(runtime: Runtime): WorldState {
  const now = runtime.clock.now();
  return {
    clock: { offsetMs: runtime.clock.offset },
    // The store only ever holds users of the vendors this mock serves, which
    // are the spec's `Vendor` values; the document's schema checks it on the way in.
    users: runtime.users.snapshot() as WorldState['users'],
    codes: runtime.codes.snapshot(),
    mailbox: runtime.mailbox.snapshot() as WorldState['mailbox'],
    limits: runtime.limiters.snapshot(now),
  };
}

/**
 * Replaces a world's state with a schema-valid document. What the schema
 * cannot say (a user named twice, a code or message of a vendor this mock
 * does not serve, a code for a user that does not exist) is refused with a
 * StateConflict naming the place, and the world is left as it was.
 */
export function restoreWorld(runtime: Runtime, state: WorldState): void {
  checkReferences(runtime, state);
  const before = snapshotWorld(runtime);
  try {
    apply(runtime, state);
  } catch (err) {
    apply(runtime, before);
    throw err;
  }
}

function apply(runtime: Runtime, state: WorldState): void {
  runtime.users.restore(state.users);
  runtime.codes.restore(state.codes);
  runtime.mailbox.restore(state.mailbox);
  runtime.limiters.restore(state.limits);
  runtime.clock.setOffset(state.clock.offsetMs);
  // MFA keys and trusted devices are not in the document; keys of users with a secret are recorded again on first use.
  for (const v of runtime.vendors.values()) v.accounts.mfa.reset();
}

function checkReferences(runtime: Runtime, state: WorldState): void {
  const ids = new Set<number>();
  state.users.items.forEach((u, i) => {
    if (!runtime.vendors.has(u.vendor)) throw new StateConflict(`/users/items/${i}/vendor`, `vendor ${u.vendor} is not served by this mock`);
    ids.add(u.id);
  });
  state.codes.forEach((c, i) => {
    if (!ids.has(c.userId)) throw new StateConflict(`/codes/${i}/userId`, `user ${c.userId} does not exist`);
  });
  state.mailbox.messages.forEach((m, i) => {
    if (!runtime.vendors.has(m.vendor)) throw new StateConflict(`/mailbox/messages/${i}/vendor`, `vendor ${m.vendor} is not served by this mock`);
  });
}

export function stateDocument(world: WorldState, savedAt: number): StateDocument {
  return { format: STATE_FORMAT, version: STATE_VERSION, savedAt: new Date(savedAt).toISOString(), world };
}
