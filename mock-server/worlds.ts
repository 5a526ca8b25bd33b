import type { AdjustableClock } from './domain/clock';
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
 * from the fixtures on first use. At most `maxTenants` tenants live at once;
 * past that the least recently used one is dropped, and the default world's
 * journal says so. A Map keeps insertion order, which is used as the LRU order.
 */
export class Worlds implements TenantDirectory {
  readonly default: World;
  private readonly tenants = new Map<string, Tenant>();
  /** The most recently used tenant, so that a run of requests to one tenant does not reorder the map each time. */
  private newest: string | undefined;

  constructor(
    private readonly recipe: WorldRecipe,
    defaultParts: { clock: AdjustableClock; users?: UserStore; mailbox?: Mailbox },
    private readonly maxTenants: number,
    /** A tenant was created or dropped: the state file's saver listens here. */
    private readonly onChange?: () => void,
  ) {
    this.default = createWorld(DEFAULT_WORLD, recipe, { ...defaultParts, tenants: this });
  }

  /** The tenant's world, created from the fixtures on first use; it becomes the most recently used. */
  tenant(name: string): World {
    if (name === DEFAULT_WORLD) return this.default;
    // The default world's clock, so that lastUsedAt reads like every other time the admin API shows.
    const now = this.default.runtime.clock.now();
    const found = this.tenants.get(name);
    if (found) {
      found.lastUsedAt = now;
      if (this.newest !== name) {
        this.tenants.delete(name);
        this.tenants.set(name, found);
        this.newest = name;
      }
      return found.world;
    }
    while (this.tenants.size >= this.maxTenants) this.evictLeastRecentlyUsed();
    const world = createWorld(name, this.recipe, { clock: this.default.runtime.clock.fork(), tenants: this });
    this.tenants.set(name, { world, lastUsedAt: now });
    this.newest = name;
    this.onChange?.();
    return world;
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
    return [...this.tenants].map(([name, t]) => ({ name, users: t.world.runtime.users.size, messages: t.world.runtime.mailbox.size, lastUsedAt: t.lastUsedAt }));
  }

  delete(name: string): boolean {
    const gone = this.tenants.get(name);
    if (!gone || !this.tenants.delete(name)) return false;
    // Its journal and mail leave the shared byte budgets with it.
    gone.world.journal.clear();
    gone.world.runtime.mailbox.clear();
    if (this.newest === name) this.newest = undefined;
    this.onChange?.();
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
