import type { User } from '../../domain/user-store';
import type { components } from '../../generated/edge-impulse';

type UpdateUserRequest = components['schemas']['UpdateUserRequest'];

/** What updateCurrentUser keeps besides the name (which the user record has): the fields GetUserResponse answers. */
export type Profile = Omit<UpdateUserRequest, 'name'>;

/**
 * Profiles by user id. Users may also disappear through the admin API, which
 * this module does not hear of, so the map is bounded on its own: when full,
 * the entries of users that no longer exist go first, then the oldest.
 */
export class Profiles {
  private readonly byUser = new Map<number, Profile>();

  constructor(
    private readonly exists: (userId: number) => boolean,
    private readonly capacity = 100_000,
  ) {}

  of(user: User): Profile {
    return this.byUser.get(user.id) ?? {};
  }

  update(user: User, change: Profile): void {
    const next: Profile = { ...this.of(user) };
    for (const [key, value] of Object.entries(change) as [keyof Profile, Profile[keyof Profile]][]) {
      if (value !== undefined) (next as Record<string, unknown>)[key] = value;
    }
    this.byUser.delete(user.id);
    this.byUser.set(user.id, next);
    if (this.byUser.size > this.capacity) this.prune();
  }

  forget(userId: number): void {
    this.byUser.delete(userId);
  }

  private prune(): void {
    for (const id of this.byUser.keys()) if (!this.exists(id)) this.byUser.delete(id);
    while (this.byUser.size > this.capacity) this.byUser.delete(this.byUser.keys().next().value!);
  }
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * GetUserResponse as the vendor's model has it. The mock has no projects,
 * organizations, white labels, permissions, payments or trials, so those
 * lists are empty and the optional fields about them are left out.
 */
export function userResponse(user: User, profile: Profile) {
  const { experiments, projectsSortOrder, ...strings } = profile;
  return {
    status: 200 as const,
    body: {
      success: true as const,
      id: user.id,
      // A third party's user has no username until activation; the vendor's model requires the field.
      username: user.username ?? '',
      name: user.name,
      email: user.email,
      created: iso(user.createdAt),
      staffInfo: { isStaff: false, hasSudoRights: false },
      pending: user.status === 'pending',
      activated: user.status === 'active',
      mfaConfigured: user.mfaSecret !== null,
      tier: 'free' as const,
      organizations: [],
      projects: [],
      // An experiment the user listed is one they take part in (UpdateUserRequest's experiments, x-inferred).
      experiments: (experiments ?? []).map((type) => ({ type, title: type, enabled: true, showToUser: true })),
      suspended: user.status === 'suspended',
      notifications: [],
      passwordConfigured: user.passwordHash !== null,
      projectsSortOrder: projectsSortOrder ?? ('created-desc' as const),
      hasEnterpriseFeaturesAccess: false,
      lastAccessedProjects: { projects: [], hasMoreProjects: false },
      privatePersonalProjectsUsed: 0,
      eulas: [],
      permissions: [],
      hasPendingPayments: false,
      idps: [],
      evaluation: false,
      ambassador: false,
      whitelabels: [],
      ...strings,
    },
  };
}
