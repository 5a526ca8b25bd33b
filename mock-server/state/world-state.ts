// The module, not contracts/core's index, which also loads the spec loader (node:fs).
import { isTenantName } from '../../contracts/core/tenant-name';
import type { components } from '../generated/admin';
import { DomainError } from '../domain/errors';
import { StateConflict } from '../domain/user-store';
import type { TenantDirectory } from '../http/types';
import type { Runtime } from '../runtime';
import { assertMailKinds } from '../vendors';

export type StateDocument = components['schemas']['StateDocument'];
export type WorldState = components['schemas']['WorldState'];

export const STATE_FORMAT = 'authmock-state';
export const STATE_VERSION = 1;

/**
 * How a document treats each world's epoch (the incarnation its tokens belong
 * to): the state file keeps it, so a restart keeps tokens valid; the admin
 * API leaves it out, and an import starts a new incarnation, because it
 * replaces the users that tokens name by id.
 */
export interface EpochOptions {
  epochs?: 'keep';
}

/** Everything one world holds that outlives a request, as plain data. */
export function snapshotWorld(runtime: Runtime, options: EpochOptions = {}): WorldState {
  const now = runtime.clock.now();
  const codes = runtime.codes.snapshot();
  const { nextId, messages } = runtime.mailbox.snapshot();
  assertMailKinds(codes);
  assertMailKinds(messages);
  return {
    clock: { offsetMs: runtime.clock.offset },
    users: runtime.users.snapshot(),
    codes,
    mailbox: { nextId, messages },
    limits: runtime.limiters.snapshot(now),
    faults: runtime.faults.snapshot(),
    ...(options.epochs === 'keep' ? { epoch: runtime.tokens.epoch } : {}),
  };
}

/** What a document holds besides its worlds. */
export function documentHead(runtime: Runtime): Omit<StateDocument, 'world' | 'tenants'> {
  return { format: STATE_FORMAT, version: STATE_VERSION, savedAt: new Date(runtime.clock.now()).toISOString() };
}

/**
 * The whole document as compact JSON, from each world's JSON ('default' and
 * the tenants'), as the state file's saver keeps them: no world is serialized
 * again to write it.
 */
export function documentText(runtime: Runtime, worlds: ReadonlyMap<string, string>): string {
  const head = JSON.stringify(documentHead(runtime)).slice(0, -1);
  const tenants = [...worlds].filter(([name]) => name !== 'default').map(([name, json]) => `${JSON.stringify(name)}:${json}`);
  return `${head},"world":${worlds.get('default')},"tenants":{${tenants.join(',')}}}\n`;
}

/**
 * The document for a request served in `runtime`: through the default world
 * it holds every tenant too; through a tenant, that tenant's world alone.
 */
export function snapshotDocument(runtime: Runtime, tenants: TenantDirectory, options: EpochOptions = {}): StateDocument {
  const doc: StateDocument = { ...documentHead(runtime), world: snapshotWorld(runtime, options) };
  if (runtime !== tenants.defaultRuntime) return doc;
  return { ...doc, tenants: Object.fromEntries(tenants.runtimes().map(([name, r]) => [name, snapshotWorld(r, options)])) };
}

/**
 * Replaces state with a schema-valid document, as `snapshotDocument` scopes
 * it. What the schema cannot say (a user named twice, a vendor this mock does
 * not serve, a code for a user that does not exist, a bad tenant name, more
 * tenants than `maxTenants`) is refused with a StateConflict naming the place
 * before anything changes; should applying fail halfway, the state before is
 * put back, epochs included, so tokens valid before stay valid.
 *
 * Every world the document replaces gets a new epoch, so tokens issued before
 * are refused; with `epochs: 'keep'` (the state file at start) a world takes
 * the epoch the document saved, and a world saved without one keeps its own.
 */
export function restoreDocument(runtime: Runtime, tenants: TenantDirectory, doc: StateDocument, options: EpochOptions = {}): void {
  const whole = runtime === tenants.defaultRuntime;
  checkWorld(runtime, doc.world, '/world');
  const named = Object.entries(doc.tenants ?? {});
  if (named.length && !whole) throw new StateConflict('/tenants', 'a tenant\'s own state holds no tenants; import them through the default world');
  if (named.length > tenants.capacity) throw new StateConflict('/tenants', `${named.length} tenants are more than maxTenants (${tenants.capacity}) allows`);
  for (const [name, world] of named) {
    if (!isTenantName(name) || name === 'default') throw new StateConflict(`/tenants/${name}`, `'${name}' is not a tenant name (letters, digits, _ . -, at most 64, not 'default')`);
    checkWorld(runtime, world, `/tenants/${name}`);
  }
  const keepEpochs = { epochs: 'keep' } as const;
  const before = whole ? snapshotDocument(runtime, tenants, keepEpochs) : undefined;
  const beforeWorld = snapshotWorld(runtime, keepEpochs);
  try {
    applyWorld(runtime, doc.world, options);
    if (!whole) return;
    const keep = new Set(named.map(([name]) => name));
    for (const [name] of tenants.runtimes()) if (!keep.has(name)) tenants.delete(name);
    for (const [name, world] of named) applyWorld(tenants.open(name), world, options);
  } catch (err) {
    applyWorld(runtime, beforeWorld, keepEpochs);
    if (before) {
      for (const [name] of tenants.runtimes()) if (!(before.tenants && name in before.tenants)) tenants.delete(name);
      for (const [name, world] of Object.entries(before.tenants ?? {})) applyWorld(tenants.open(name), world, keepEpochs);
    }
    throw err;
  }
}

function applyWorld(runtime: Runtime, state: WorldState, options: EpochOptions): void {
  // The users are replaced: a token of the world as it was must not act on whoever has its user's id now.
  if (options.epochs !== 'keep') runtime.tokens.setEpoch();
  else if (state.epoch !== undefined) runtime.tokens.setEpoch(state.epoch);
  runtime.users.restore(state.users);
  runtime.codes.restore(state.codes);
  runtime.mailbox.restore(state.mailbox);
  runtime.limiters.restore(state.limits);
  runtime.faults.restore(state.faults ?? { nextId: 1, rules: [] });
  runtime.clock.setOffset(state.clock.offsetMs);
  // MFA keys and trusted devices are not in the document; keys of users with a secret are recorded again on first use.
  for (const v of runtime.vendors.values()) v.accounts.mfa.reset();
  for (const v of runtime.vendors.values()) v.accounts.appTokens.reset();
}

function checkWorld(runtime: Runtime, state: WorldState, at: string): void {
  const ids = new Set<number>();
  state.users.items.forEach((u, i) => {
    if (!runtime.vendors.has(u.vendor)) throw new StateConflict(`${at}/users/items/${i}/vendor`, `vendor ${u.vendor} is not served by this mock`);
    ids.add(u.id);
  });
  state.codes.forEach((c, i) => {
    if (!ids.has(c.userId)) throw new StateConflict(`${at}/codes/${i}/userId`, `user ${c.userId} does not exist`);
  });
  state.mailbox.messages.forEach((m, i) => {
    if (!runtime.vendors.has(m.vendor)) throw new StateConflict(`${at}/mailbox/messages/${i}/vendor`, `vendor ${m.vendor} is not served by this mock`);
  });
  try {
    runtime.users.checkRestorable(state.users);
  } catch (err) {
    if (err instanceof StateConflict) throw new StateConflict(`${at}${err.pointer}`, err.message);
    throw err;
  }
  // Rules are checked by a scratch copy, so the world's own rules stay as they are.
  const scratch = runtime.faults.copyEmpty();
  try {
    scratch.restore(state.faults ?? { nextId: 1, rules: [] });
  } catch (err) {
    if (err instanceof DomainError) throw new StateConflict(`${at}/faults/${String(err.details.field ?? '').split('.').join('/')}`, err.message);
    throw err;
  }
}
