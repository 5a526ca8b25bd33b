import { DomainError } from './errors';

/**
 * One bound on the number of users across every world of an app, so that
 * tenants do not multiply it (`maxUsers`). Sign-ups and the admin API's
 * creates take a place and are refused once none is left; the fixtures that
 * seed a world and a restored state file are counted but never refused, since
 * refusing them would lose what was stored or leave a world half-seeded. A
 * user deleted, a world reset or a tenant dropped gives its places back.
 */
export class UserQuota {
  /** Users held by all worlds together. */
  used = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a user limit must be a positive integer, got ${limit}`);
  }

  /** Takes a place for a new user, or refuses with `USER_LIMIT` when all are taken. */
  take(): void {
    this.checkRoom(1);
    this.used++;
  }

  /** Refuses with `USER_LIMIT` unless `count` more users fit. */
  checkRoom(count: number): void {
    if (this.used + count <= this.limit) return;
    const room = Math.max(0, this.limit - this.used);
    throw new DomainError('USER_LIMIT', `The mock holds at most ${this.limit} users across all its worlds (maxUsers) and has room for ${room} more, not ${count}; delete users or tenants, reset, or raise maxUsers`);
  }

  /** Counts users that must be kept whatever the bound (fixtures, a restored state). */
  add(count: number): void {
    this.used += count;
  }

  release(count: number): void {
    this.used = Math.max(0, this.used - count);
  }
}
