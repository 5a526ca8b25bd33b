import { DomainError } from '../../domain/errors';
import type { User, UserStatus } from '../../domain/user-store';
import type { operations } from '../../generated/emnify';
import type { RequestContext, TypedHandlers } from '../../http/types';
import type { EmnifyErrorCode } from './errors';
import type { EmnifyState } from './state';
import { login, ORGANISATION, ROLE, STATUS, statusOf, userView } from './views';

type Ctx = RequestContext<EmnifyState>;
type UserOps = Pick<operations, 'user-per-page-sort-by-q-and-page-post' | 'user-by-id-get' | 'user-by-id-patch' | 'user-by-id-delete' | 'user-v-2-invitation' | 'accept-user-invitation'>;

// EMnify's username "has to be the email of this user".
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** The transitions the vendor documents: ACTIVE ⇄ SUSPENDED, and ACTIVATION_PENDING → SUSPENDED. */
const ALLOWED: Readonly<Record<UserStatus, readonly UserStatus[]>> = { active: ['suspended'], suspended: ['active'], pending: ['suspended'] };

function requireEmail(username: string): void {
  if (!EMAIL.test(username)) throw new DomainError('INVALID_INPUT', 'User - username has invalid format: Expecting an e-mail address', { field: 'username' });
}

/** The mock has one organisation; naming another is an invalid reference. */
function requireOrganisation(organisation: { id: number } | undefined): void {
  if (organisation && organisation.id !== ORGANISATION.id) {
    throw new DomainError<EmnifyErrorCode>('INVALID_REFERENCE', `Invalid reference to organisation with id ${organisation.id}`, { field: 'organisation' });
  }
}

function userById(ctx: Ctx, ref: string): User {
  const user = ctx.state.accounts.byId(Number(ref));
  if (!user) throw new DomainError('USER_NOT_FOUND', `User with id ${ref} not found`);
  return user;
}

function checkTransition(user: User, to: UserStatus): void {
  if (to === user.status || ALLOWED[user.status].includes(to)) return;
  const [from, next] = [STATUS[user.status], STATUS[to]];
  throw new DomainError('INVALID_INPUT', `Status cannot change from ${from.description} (${from.id}) to ${next.description} (${next.id})`, { field: 'status' });
}

export const userHandlers: TypedHandlers<UserOps, EmnifyState> = {
  'user-per-page-sort-by-q-and-page-post'(ctx) {
    const b = ctx.body;
    requireEmail(b.username);
    requireOrganisation(b.organisation);
    // Not active, no password, ACTIVATION_PENDING whatever is asked; the activation mail goes out at once.
    const { user } = ctx.state.accounts.register({ email: b.username, username: b.username, name: b.name, status: 'pending' });
    return { status: 201, headers: { Location: `${ctx.mountPath}/api/v1/user/${user.id}` } };
  },

  'user-by-id-get'(ctx) {
    const ref = ctx.params.user_id;
    const { accounts } = ctx.state;
    const user = /^\d+$/.test(ref) ? accounts.byId(Number(ref)) : accounts.find(ref);
    if (!user) throw new DomainError('USER_NOT_FOUND', 'User not found');
    return { status: 200, body: userView(user, accounts.mfa.keys(user)) };
  },

  'user-by-id-patch'(ctx) {
    const b = ctx.body;
    const { accounts } = ctx.state;
    const user = userById(ctx, ctx.params.user_id);
    // Everything is checked before anything changes.
    requireOrganisation(b.organisation);
    const to = b.status === undefined ? undefined : statusOf(b.status.id);
    if (b.status !== undefined && to === undefined) throw new DomainError('INVALID_INPUT', `Unknown status id ${b.status.id}; 0, 1 and 2 are known`, { field: 'status' });
    if (to !== undefined) checkTransition(user, to);
    if (to === 'active' && !user.passwordHash) throw new DomainError('INVALID_INPUT', 'The user has never set a password, so it cannot be ACTIVE; it activates with the key from the activation mail', { field: 'status' });
    const renamed = b.username !== undefined && b.username.toLowerCase() !== login(user).toLowerCase();
    if (renamed) {
      requireEmail(b.username!);
      const other = accounts.find(b.username!);
      if (other && other.id !== user.id) throw new DomainError('USERNAME_TAKEN', `A user with username ${b.username} exists`, { field: 'username' });
    }
    if (b.name !== undefined && b.name !== user.name) {
      user.name = b.name;
      user.updatedAt = accounts.now();
      ctx.runtime.users.changed(user);
    }
    if (to === 'suspended') accounts.suspend(user);
    else if (to === 'active') accounts.setStatus(user, 'active');
    // A new username invalidates the account and starts the activation again, at the new address.
    if (renamed) accounts.changeLoginAddress(user, b.username!);
    return { status: 204 };
  },

  'user-by-id-delete'(ctx) {
    ctx.state.accounts.remove(userById(ctx, ctx.params.user_id));
    return { status: 204 };
  },

  'user-v-2-invitation'(ctx) {
    const b = ctx.body;
    const { accounts } = ctx.state;
    requireEmail(b.username);
    requireOrganisation(b.organisation);
    const existing = accounts.find(b.username);
    if (existing && existing.status !== 'pending') throw new DomainError('USERNAME_TAKEN', `An active user with username ${b.username} exists`, { field: 'username' });
    // "There is no additional action such as an email sent": the key comes with the activation mail a resend sends.
    const user = existing ?? accounts.register({ email: b.username, username: b.username, name: b.name, status: 'pending', withoutActivationMail: true }).user;
    return { status: 201, body: { id: user.id, username: login(user), name: user.name, organisation: { id: ORGANISATION.id }, roles: [{ id: ROLE.id, name: ROLE.description }] } };
  },

  'accept-user-invitation'(ctx) {
    ctx.state.activation.activateWithKey(ctx.body.activationKey, ctx.body.password, ctx.body.name);
    return { status: 204 };
  },
};
