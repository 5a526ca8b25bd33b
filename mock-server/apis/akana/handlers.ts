import { serialize as serializeCookie } from 'cookie';
import { mediaRanges, type CompiledOperation } from '../../../contracts/core';
import type { Accounts } from '../../domain/accounts';
import type { ActivationFlow, PasswordResetFlow } from '../../domain/flows';
import { DomainError, isDomainError } from '../../domain/errors';
import { randomHex } from '../../domain/random';
import type { RateLimiter } from '../../domain/rate-limiter';
import type { User } from '../../domain/user-store';
import type { operations } from '../../generated/akana';
import { RequestError } from '../../http/request-error';
import type { RequestContext, TypedHandlers } from '../../http/types';
import type { AkanaSettings } from './settings';

export interface AkanaState {
  accounts: Accounts;
  /** Sign-up codes are activation codes: mailed at sign-up, handed in with the password. */
  signup: ActivationFlow;
  passwordReset: PasswordResetFlow;
  settings: AkanaSettings;
  perAddress: RateLimiter;
}

type Ctx = RequestContext<AkanaState>;
const NO_CONTENT = { status: 200 as const, headers: { 'Cache-Control': 'no-cache' } };

/** The media types an operation serves: its spec's `x-accept`, wildcards left out (they are always served). */
function acceptedMediaTypes(op: CompiledOperation): string[] {
  const listed = op.extensions['x-accept'];
  return Array.isArray(listed) ? listed.map((t) => String(t).toLowerCase()).filter((t) => !t.includes('*')) : [];
}

/** Serves the media types the spec documents, and any wildcard that covers them. */
export function checkAccept(ctx: Ctx): void {
  const accept = ctx.headers.accept;
  if (!accept) return;
  const ranges = mediaRanges(accept);
  const served = acceptedMediaTypes(ctx.op);
  if (ranges.some((r) => r === '*/*' || r === 'application/*' || served.includes(r))) return;
  throw new RequestError('NOT_ACCEPTABLE', `Accept '${accept}' is not supported; use one of ${served.join(', ')} or */*`);
}

/** The session cookie (a JWT of the mock, HttpOnly) and the CSRF cookie, both expiring with the injected clock. */
function loggedIn(ctx: Ctx, user: User) {
  const { sessionTtlSeconds: ttl, fedMemberId } = ctx.state.settings;
  const expires = new Date(ctx.runtime.clock.now() + ttl * 1000);
  const token = ctx.runtime.tokens.issue(user, 'access', ttl);
  return {
    status: 200 as const,
    headers: {
      'Set-Cookie': [
        serializeCookie(`AtmoAuthToken_${fedMemberId}`, token, { httpOnly: true, path: '/', maxAge: ttl, expires, sameSite: 'lax' }),
        serializeCookie(`Csrf-Token_${fedMemberId}`, randomHex(ctx.runtime.random, 16), { path: '/', maxAge: ttl, expires, sameSite: 'lax' }),
      ],
      'Cache-Control': 'no-cache',
    },
    body: { loginStatus: 'Complete' as const, userName: user.email },
  };
}

const fullName = (first?: string, last?: string): string => [first, last].filter(Boolean).join(' ');

export const handlers: TypedHandlers<operations, AkanaState> = {
  resendActivation(ctx) {
    const email = ctx.body.emailAddress;
    // Limited per address, known or not, so that the limit reveals no account.
    const wait = ctx.state.perAddress.take(email.toLowerCase(), ctx.runtime.clock.now());
    if (wait > 0) throw new DomainError('RATE_LIMITED', 'Too many requests for this address', { retryAfterMs: wait });
    ctx.state.signup.resend(email);
    return NO_CONTENT;
  },

  login(ctx) {
    return loggedIn(ctx, ctx.state.accounts.login(ctx.body.email, ctx.body.password));
  },

  signupUser(ctx) {
    const b = ctx.body;
    const { accounts, signup } = ctx.state;
    // Every address gets the same answer: a known one gets no mail (a pending one a new code).
    if (accounts.byEmail(b.EmailAddress)) signup.resend(b.EmailAddress);
    else accounts.register({ email: b.EmailAddress, name: fullName(b.FirstName, b.LastName), status: 'pending' });
    return NO_CONTENT;
  },

  verifySignup(ctx) {
    const { accounts, signup } = ctx.state;
    let user: User;
    try {
      user = signup.userByCode(ctx.body.signupCode);
    } catch (err) {
      // An expired code triggers a new e-mail, as if signupUser had been called.
      const owner = isDomainError(err, 'CODE_EXPIRED') ? accounts.byId(Number(err.details.userId)) : undefined;
      if (owner) signup.resend(owner.email);
      throw err;
    }
    const [first, ...rest] = user.name.split(' ');
    return { status: 200, body: { EmailAddress: user.email, FirstName: first, LastName: rest.join(' '), SignupStatus: 'Pending' } };
  },

  completeSignup(ctx) {
    const b = ctx.body;
    const { signup } = ctx.state;
    if (signup.userByCode(b.SignupCode).email.toLowerCase() !== b.EmailAddress.toLowerCase()) {
      throw new DomainError('CODE_INVALID', 'The sign-up code is not valid for this address');
    }
    const name = fullName(b.FirstName, b.LastName);
    return loggedIn(ctx, signup.activateWithKey(b.SignupCode, b.Password, name || undefined));
  },

  sendPasswordResetCode(ctx) {
    ctx.state.passwordReset.request(ctx.body.emailAddress);
    return NO_CONTENT;
  },

  validatePasswordResetCode(ctx) {
    ctx.state.passwordReset.verify(ctx.body.emailAddress, ctx.body.passwordResetCode);
    return NO_CONTENT;
  },

  authenticateWithPasswordResetCode(ctx) {
    const b = ctx.body;
    return loggedIn(ctx, ctx.state.passwordReset.reset(b.email, b.passwordResetCode, b.password));
  },
};
