import type { AdjustableClock } from './domain/clock';
import { LongLived } from './domain/events';
import type { Mailbox } from './domain/mailbox';
import type { UserStore } from './domain/user-store';
import type { Runtime } from './runtime';
import type { TenantDirectory, TenantSummary } from './http/types';
import { createWorld, type World, type WorldRecipe } from './world';

/** The name that addresses the default world, as if no tenant were named. */
export const DEFAULT_WORLD = 'default';

interface Tenant {
  world: World;
  lastUsedAt: number;
}

/**
 * The worlds of one app: the default one and a world per tenant, each created
 * from the fixtures by the first request that may change it (see
 * `operationWorld`) or by the admin API. At most `maxTenants` tenants live at
 * once; past that the least recently used one is dropped, and the default
 * world's journal says so. A Map keeps insertion order, which is used as the LRU order.
 */
export class Worlds implements TenantDirectory {
  readonly default: World;
  private readonly tenants = new Map<string, Tenant>();
  /** The most recently used tenant, so that a run of requests to one tenant does not reorder the map each time. */
  private newest: string | undefined;
  /** The app's long polls and event streams; each tenant gets a scope of it, ended when the tenant is dropped. */
  private readonly longLived: LongLived;
  private pristineWorld: World | undefined;

  constructor(
    private readonly recipe: WorldRecipe,
    defaultParts: { clock: AdjustableClock; users?: UserStore; mailbox?: Mailbox },
    private readonly maxTenants: number,
    /** A tenant was created or dropped: the state file's saver listens here. */
    private readonly onChange?: () => void,
  ) {
    this.longLived = recipe.longLived ?? new LongLived();
    this.default = createWorld(DEFAULT_WORLD, recipe, { ...defaultParts, tenants: this, longLived: this.longLived });
  }

  /** The tenant's world, created from the fixtures when it does not exist; it becomes the most recently used. */
  tenant(name: string): World {
    return this.find(name) ?? this.createTenant(name);
  }

  /** The tenant's world if it exists, which then becomes the most recently used; never creates one. */
  find(name: string): World | undefined {
    if (name === DEFAULT_WORLD) return this.default;
    const found = this.tenants.get(name);
    if (!found) return undefined;
    // The default world's clock, so that lastUsedAt reads like every other time the admin API shows.
    found.lastUsedAt = this.default.runtime.clock.now();
    if (this.newest !== name) {
      this.tenants.delete(name);
      this.tenants.set(name, found);
      this.newest = name;
    }
    return found.world;
  }

  create(name: string): { created: boolean; tenant: TenantSummary } | undefined {
    if (name === DEFAULT_WORLD) return undefined;
    const existed = this.find(name);
    const world = existed ?? this.createTenant(name);
    return { created: !existed, tenant: this.summary(name, world) };
  }

  /**
   * A world exactly as a tenant starts, shared by every tenant that does not
   * exist: reads of one are answered here without creating it. Seeded once, on
   * first use, and never changed: only GET and HEAD are served in it, long
   * polls and event streams refuse, and nothing journals into it.
   */
  pristine(): World {
    return (this.pristineWorld ??= createWorld('(a tenant not created yet)', this.recipe, { clock: this.default.runtime.clock.fork(), tenants: this, longLived: this.longLived.scope() }));
  }

  private createTenant(name: string): World {
    while (this.tenants.size >= this.maxTenants) this.evictLeastRecentlyUsed();
    const world = createWorld(name, this.recipe, { clock: this.default.runtime.clock.fork(), tenants: this, longLived: this.longLived.scope() });
    this.tenants.set(name, { world, lastUsedAt: this.default.runtime.clock.now() });
    this.newest = name;
    this.onChange?.();
    this.announce('created', name);
    return world;
  }

  /** Tells every world's event streams (the new tenant's too) that a tenant came or went. */
  private announce(action: 'created' | 'deleted', name: string): void {
    // Only event streams hear it, and they are long-lived requests: with none open anywhere, nobody listens.
    if (this.longLived.size === 0) return;
    // No array of every world per announcement: with thousands of tenants, creating each one would cost them all.
    const tell = (world: World): void => {
      if (world.runtime.events.size > 0) world.runtime.events.emit({ type: 'tenant', action, name });
    };
    tell(this.default);
    for (const tenant of this.tenants.values()) tell(tenant.world);
  }

  private summary(name: string, world: World): TenantSummary {
    return { name, users: world.runtime.users.size, messages: world.runtime.mailbox.size, lastUsedAt: this.tenants.get(name)?.lastUsedAt ?? 0 };
  }

  /** The tenant's world if it exists; does not create it or count as a use. */
  peek(name: string): World | undefined {
    return name === DEFAULT_WORLD ? this.default : this.tenants.get(name)?.world;
  }

  /** The default world first, then every tenant, least recently used first: what a state document enumerates. */
  all(): World[] {
    return [this.default, ...[...this.tenants.values()].map((t) => t.world)];
  }

  list(): TenantSummary[] {
    return [...this.tenants].map(([name, t]) => this.summary(name, t.world));
  }

  /** Drops the tenant and ends its long polls (204) and event streams, so nothing holds its world any more. */
  delete(name: string): boolean {
    const found = this.tenants.get(name);
    if (!found) return false;
    this.tenants.delete(name);
    // Its journal, mail and users leave the shared budgets with it.
    found.world.journal.clear();
    found.world.runtime.mailbox.clear();
    found.world.runtime.users.clear();
    if (this.newest === name) this.newest = undefined;
    found.world.runtime.longLived.closeAll();
    this.onChange?.();
    this.announce('deleted', name);
    return true;
  }

  get defaultRuntime(): Runtime {
    return this.default.runtime;
  }

  runtimes(): [string, Runtime][] {
    return [...this.tenants].map(([name, t]) => [name, t.world.runtime]);
  }

  open(name: string): Runtime {
    return this.tenant(name).runtime;
  }

  get capacity(): number {
    return this.maxTenants;
  }

  get size(): number {
    return this.tenants.size;
  }

  private evictLeastRecentlyUsed(): void {
    const oldest = this.tenants.keys().next().value;
    if (oldest === undefined) return;
    this.delete(oldest);
    this.default.journal.note({
      method: 'DELETE',
      path: `/__admin/tenants/${oldest}`,
      status: 204,
      note: `tenant ${oldest} dropped: maxTenants (${this.maxTenants}) reached and it was the least recently used`,
    });
  }
}
