import type { AppToken } from '../../domain/app-tokens';
import type { MfaKey, TrustedDevice } from '../../domain/mfa';
import type { User, UserStatus } from '../../domain/user-store';
import type { components } from '../../generated/emnify';

type Schemas = components['schemas'];

/** EMnify's user statuses, as its user-management pages number them. */
export const STATUS = {
  pending: { id: 0, description: 'ACTIVATION_PENDING' },
  active: { id: 1, description: 'ACTIVE' },
  suspended: { id: 2, description: 'SUSPENDED' },
} as const satisfies Record<UserStatus, { id: number; description: string }>;

/** The status a `status.id` names, if any. */
export const statusOf = (id: number): UserStatus | undefined => (Object.keys(STATUS) as UserStatus[]).find((s) => STATUS[s].id === id);

/** MFA key statuses: 1 (Active) is published; 0 is the mock's id for "Activation Pending" (x-inferred in the spec). */
export const KEY_STATUS = { pending: { id: 0, description: 'Activation Pending' }, active: { id: 1, description: 'Active' } } as const;

/** The one MFA key type the mock creates; its id is the mock's (x-inferred in the spec). */
export const TOTP_TYPE = { id: 1, description: 'TOTP' } as const;

/** Application token statuses, as the vendor documents them. */
export const TOKEN_STATUS = { active: { id: 0, description: 'Activated' }, revoked: { id: 1, description: 'Revoked' } } as const;

/** The mock's one organisation and role: every user belongs to the one and has the other. */
export const ORGANISATION = { id: 1, name: 'authmock' } as const;
export const ROLE = { id: 1, description: 'Administrator' } as const;

export const iso = (ms: number | null): string | undefined => (ms === null ? undefined : new Date(ms).toISOString());

export function keyView(key: MfaKey, withSecret: { email: string } | undefined): Schemas['MfaKey'] {
  return {
    id: key.id,
    status: KEY_STATUS[key.status],
    type: TOTP_TYPE,
    ...(withSecret
      ? { secret_key: key.secret, otpauth: `otpauth://totp/EMnify:${encodeURIComponent(withSecret.email)}?secret=${key.secret}&issuer=EMnify` }
      : {}),
    creation_date: iso(key.createdAt),
    ...(key.activatedAt === null ? {} : { activation_date: iso(key.activatedAt) }),
  };
}

export const login = (user: User): string => user.username ?? user.email;

export function userView(user: User, keys: readonly MfaKey[]): Schemas['User'] {
  return {
    id: user.id,
    username: login(user),
    name: user.name,
    created: iso(user.createdAt),
    status: STATUS[user.status],
    organisation: ORGANISATION,
    roles: [ROLE],
    mfa: keys.map((k) => keyView(k, undefined)),
  };
}

export function deviceView(d: TrustedDevice): Schemas['TrustedDevice'] {
  return { id: d.id, operating_system: d.operatingSystem, browser: d.browser, activation_date: new Date(d.trustedAt).toISOString() };
}

export function appTokenView(t: AppToken, revoked: boolean, creator: User | undefined): Schemas['ApplicationTokenInfo'] {
  return {
    id: t.id,
    description: t.description,
    created: new Date(t.createdAt).toISOString(),
    status: revoked ? TOKEN_STATUS.revoked : TOKEN_STATUS.active,
    ...(t.expiresAt === null ? {} : { expiry_date: new Date(t.expiresAt).toISOString() }),
    ...(t.ip === null ? {} : { ip: t.ip }),
    creator: creator ? { id: creator.id, username: login(creator), name: creator.name } : { id: t.creatorId },
  };
}
