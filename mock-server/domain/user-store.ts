import type { VendorId } from '../generated/vendors';
import type { UserQuota } from './user-quota';

export type UserStatus = 'pending' | 'active' | 'suspended';

export interface User {
  id: number;
  /** The vendor the account belongs to: each vendor has its own user base. */
  vendor: VendorId;
  email: string;
  username: string | null;
  name: string;
  status: UserStatus;
  createdAt: number;
  updatedAt: number;
  activatedAt: number | null;
  passwordHash: string | null;
  mfaSecret: string | null;
  /** Bumped on every password change, so tokens issued before it can be refused. */
  passwordVersion: number;
  failedLogins: number;
  lockedUntil: number;
}

export interface NewUser {
  vendor: VendorId;
  email: string;
  username?: string | null;
  name?: string;
  status: UserStatus;
  passwordHash?: string | null;
  mfaSecret?: string | null;
}

export type UserChange = 'created' | 'changed' | 'deleted';

export interface UserFilter {
  vendor?: string;
  email?: string;
  status?: UserStatus;
}

/**
 * One map per vendor, keyed by the lower-cased value. toLowerCase() hands back
 * the same string when there is nothing to lower, so an index costs a map
 * entry and no copy of the address: a million users fit in well under 1 KiB each.
 */
class VendorIndex {
  private readonly maps = new Map<string, Map<string, User>>();

  get(vendor: string, value: string): User | undefined {
    return this.maps.get(vendor)?.get(value.toLowerCase());
  }

  set(vendor: string, value: string, user: User): void {
    let map = this.maps.get(vendor);
    if (!map) this.maps.set(vendor, (map = new Map()));
    map.set(value.toLowerCase(), user);
  }

  delete(vendor: string, value: string): void {
    this.maps.get(vendor)?.delete(value.toLowerCase());
  }

  clear(): void {
    this.maps.clear();
  }
}

/**
 * In-memory users with hash-map look-ups by id, e-mail and username (per
 * vendor, case-insensitive). Uniqueness of e-mail and username is enforced by
 * the caller through `emailTaken`/`usernameTaken`, so errors stay in one place.
 */
export class UserStore {
  private readonly byIdMap = new Map<number, User>();
  private readonly byEmailIndex = new VendorIndex();
  private readonly byUsernameIndex = new VendorIndex();
  private nextId = 1;
  /** Told of every created, changed and deleted user (the runtime turns these into events). */
  onChange?: (action: UserChange, user: User) => void;
  /** The app's bound on users across worlds; none (unbounded) for a store on its own. */
  quota?: UserQuota;
  /** While above 0, inserts are counted but not refused (fixtures seeding a world). */
  private unrefused = 0;

  /** Refuses (USER_LIMIT) before anything is added when `count` more users would not fit: a bulk create is all or nothing. */
  checkRoom(count: number): void {
    this.quota?.checkRoom(count);
  }

  /** Runs `seed` with inserts counted against the quota but never refused by it. */
  seed(seed: () => void): void {
    this.unrefused++;
    try {
      seed();
    } finally {
      this.unrefused--;
    }
  }

  get size(): number {
    return this.byIdMap.size;
  }

  /** Callers that modify a user's fields say so here, so watchers hear of it. */
  changed(user: User): void {
    this.onChange?.('changed', user);
  }

  /** Removes a user and its index entries; false when there was none with that id. */
  remove(id: number): boolean {
    const user = this.byIdMap.get(id);
    if (!user) return false;
    this.byIdMap.delete(id);
    this.quota?.release(1);
    this.byEmailIndex.delete(user.vendor, user.email);
    if (user.username) this.byUsernameIndex.delete(user.vendor, user.username);
    this.onChange?.('deleted', user);
    return true;
  }

  insert(input: NewUser, now: number): User {
    if (this.unrefused > 0) this.quota?.add(1);
    else this.quota?.take();
    const user: User = {
      id: this.nextId++,
      vendor: input.vendor,
      email: input.email,
      username: input.username ?? null,
      name: input.name ?? '',
      status: input.status,
      createdAt: now,
      updatedAt: now,
      activatedAt: input.status === 'active' ? now : null,
      passwordHash: input.passwordHash ?? null,
      mfaSecret: input.mfaSecret ?? null,
      passwordVersion: 0,
      failedLogins: 0,
      lockedUntil: 0,
    };
    this.byIdMap.set(user.id, user);
    this.byEmailIndex.set(user.vendor, user.email, user);
    if (user.username) this.byUsernameIndex.set(user.vendor, user.username, user);
    this.onChange?.('created', user);
    return user;
  }

  byId(id: number): User | undefined {
    return this.byIdMap.get(id);
  }

  byEmail(vendor: string, email: string): User | undefined {
    return this.byEmailIndex.get(vendor, email);
  }

  byUsername(vendor: string, username: string): User | undefined {
    return this.byUsernameIndex.get(vendor, username);
  }

  /** Username first, then e-mail: the vendors accept either where a login names a user. */
  byLogin(vendor: string, identifier: string): User | undefined {
    return this.byUsername(vendor, identifier) ?? this.byEmail(vendor, identifier);
  }

  setUsername(user: User, username: string, now: number): void {
    if (user.username) this.byUsernameIndex.delete(user.vendor, user.username);
    user.username = username;
    this.byUsernameIndex.set(user.vendor, username, user);
    user.updatedAt = now;
    this.changed(user);
  }

  /** A new address, indexed in place of the old one; the caller has checked that no other user of the vendor has it. */
  setEmail(user: User, email: string, now: number): void {
    this.byEmailIndex.delete(user.vendor, user.email);
    user.email = email;
    this.byEmailIndex.set(user.vendor, email, user);
    user.updatedAt = now;
    this.changed(user);
  }

  list(filter: UserFilter = {}): User[] {
    if (filter.email && filter.vendor) {
      const u = this.byEmail(filter.vendor, filter.email);
      return u && (!filter.status || u.status === filter.status) ? [u] : [];
    }
    const email = filter.email?.toLowerCase();
    const out: User[] = [];
    for (const u of this.byIdMap.values()) {
      if (filter.vendor && u.vendor !== filter.vendor) continue;
      if (email && u.email.toLowerCase() !== email) continue;
      if (filter.status && u.status !== filter.status) continue;
      out.push(u);
    }
    return out;
  }

  clear(): void {
    this.quota?.release(this.byIdMap.size);
    this.byIdMap.clear();
    this.byEmailIndex.clear();
    this.byUsernameIndex.clear();
    this.nextId = 1;
  }

  /** Every user (copies) and the next id, for a state document. */
  snapshot(): { nextId: number; items: User[] } {
    return { nextId: this.nextId, items: [...this.byIdMap.values()].map((u) => ({ ...u })) };
  }

  /**
   * Replaces every user. Refuses a set in which an id, an e-mail or a username
   * of one vendor appears twice, before anything is changed.
   */
  restore(data: { nextId: number; items: readonly User[] }): void {
    const ids = this.checkRestorable(data);
    this.clear();
    this.quota?.add(data.items.length);
    for (const u of data.items) {
      const user = { ...u };
      this.byIdMap.set(user.id, user);
      this.byEmailIndex.set(user.vendor, user.email, user);
      if (user.username) this.byUsernameIndex.set(user.vendor, user.username, user);
    }
    this.nextId = Math.max(data.nextId, ...[...ids].map((id) => id + 1), 1);
  }

  /** The ids of a set of users that `restore` would take; throws StateConflict otherwise. */
  checkRestorable(data: { items: readonly User[] }): Set<number> {
    const ids = new Set<number>();
    const keys = new Set<string>();
    for (const [i, u] of data.items.entries()) {
      const dup = (what: string, key: string): void => {
        if (keys.has(key)) throw new StateConflict(`/users/items/${i}/${what}`, `${what} ${JSON.stringify(u[what as keyof User])} of ${u.vendor} appears twice`);
        keys.add(key);
      };
      if (ids.has(u.id)) throw new StateConflict(`/users/items/${i}/id`, `id ${u.id} appears twice`);
      ids.add(u.id);
      dup('email', `e:${u.vendor}:${u.email.toLowerCase()}`);
      if (u.username) dup('username', `u:${u.vendor}:${u.username.toLowerCase()}`);
    }
    return ids;
  }
}

/** A state document that is well-formed but contradicts itself; `pointer` names the place. */
export class StateConflict extends Error {
  constructor(
    readonly pointer: string,
    message: string,
  ) {
    super(message);
    this.name = 'StateConflict';
  }
}
