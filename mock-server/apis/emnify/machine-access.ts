import { DomainError } from '../../domain/errors';
import type { User } from '../../domain/user-store';
import type { operations } from '../../generated/emnify';
import type { RequestContext, TypedHandlers } from '../../http/types';
import { currentUser } from './authenticate';
import { ipFamily } from './ip-address';
import type { EmnifyState } from './state';
import { appTokenView, deviceView, KEY_STATUS, TOKEN_STATUS, TOTP_TYPE } from './views';

type Ctx = RequestContext<EmnifyState>;
type Ops = Pick<
  operations,
  | 'application-token-get'
  | 'application-token-post'
  | 'application-token-by-id-patch'
  | 'user-mfa-trusted-device-by-user-id-get'
  | 'user-mfa-trusted-device-by-user-id-and-device-id-delete'
  | 'user-mfa-status-get'
  | 'user-mfa-type-get'
>;

/** The mock has no organisations: a user reaches their own devices only, and another user is not found. */
function ownUser(ctx: Ctx): User {
  const user = currentUser(ctx);
  if (Number(ctx.params.user_id) !== user.id) throw new DomainError('USER_NOT_FOUND', `User with id ${ctx.params.user_id} not found`);
  return user;
}

// "with optional time + time zone": a calendar date, then anything Date.parse understands.
const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ].*)?$/;

function expiry(value: string | undefined): number | null {
  if (value === undefined) return null;
  const ms = DATE.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new DomainError('INVALID_INPUT', 'ApplicationToken - expiry_date has invalid format: Expecting a date, with optional time and time zone', { field: 'expiry_date' });
  return ms;
}

function cidr(value: string | undefined): string | null {
  if (value === undefined) return null;
  const [address, prefix, ...rest] = value.split('/');
  const family = ipFamily(address ?? '');
  const bits = Number(prefix);
  const ok = family !== 0 && rest.length === 0 && /^\d{1,3}$/.test(prefix ?? '') && bits <= (family === 4 ? 32 : 128);
  if (!ok) throw new DomainError('INVALID_INPUT', 'ApplicationToken - ip has invalid format: Expecting an IP address in CIDR notation', { field: 'ip' });
  return value;
}

export const machineAccessHandlers: TypedHandlers<Ops, EmnifyState> = {
  'application-token-get'(ctx) {
    const { accounts } = ctx.state;
    const tokens = accounts.appTokens;
    return { status: 200, body: tokens.list().map((t) => appTokenView(t, tokens.isRevoked(t), accounts.byId(t.creatorId))) };
  },

  'application-token-post'(ctx) {
    const b = ctx.body;
    const input = { description: b.description, expiresAt: expiry(b.expiry_date), ip: cidr(b.ip) };
    const { secret } = ctx.state.accounts.appTokens.create(currentUser(ctx), input);
    return { status: 200, body: { application_token: secret } };
  },

  'application-token-by-id-patch'(ctx) {
    const tokens = ctx.state.accounts.appTokens;
    const token = tokens.get(Number(ctx.params.app_token_id));
    const status = ctx.body.status?.id;
    if (status !== undefined && status !== TOKEN_STATUS.active.id && status !== TOKEN_STATUS.revoked.id) {
      throw new DomainError('INVALID_INPUT', `Unknown status id ${status}; 0 is Activated, 1 Revoked`, { field: 'status' });
    }
    // Revocation is final, and an expired token counts as revoked.
    if (status === TOKEN_STATUS.active.id && tokens.isRevoked(token)) throw new DomainError('INVALID_INPUT', 'A revoked application token cannot be activated again', { field: 'status' });
    if (ctx.body.description !== undefined) token.description = ctx.body.description;
    if (status === TOKEN_STATUS.revoked.id) tokens.revoke(token.id);
    return { status: 204 };
  },

  'user-mfa-trusted-device-by-user-id-get'(ctx) {
    return { status: 200, body: ctx.state.accounts.mfa.trustedDevices(ownUser(ctx)).map(deviceView) };
  },

  'user-mfa-trusted-device-by-user-id-and-device-id-delete'(ctx) {
    ctx.state.accounts.mfa.forgetTrustedDevice(ownUser(ctx), Number(ctx.params.device_id));
    return { status: 204 };
  },

  'user-mfa-status-get'(ctx) {
    currentUser(ctx);
    return { status: 200, body: [KEY_STATUS.pending, KEY_STATUS.active] };
  },

  'user-mfa-type-get'(ctx) {
    currentUser(ctx);
    return { status: 200, body: [TOTP_TYPE] };
  },
};
