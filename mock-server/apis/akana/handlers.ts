import type { CompiledOperation } from '../../../contracts/core';
// The module, not contracts/core's index, which also loads the spec loader (node:fs).
import { mediaRanges } from '../../../contracts/core/media-and-pointer';
import { DomainError, isDomainError } from '../../domain/errors';
import type { User } from '../../domain/user-store';
import type { operations } from '../../generated/akana';
import { RequestError } from '../../http/request-error';
import type { RequestContext, TypedHandlers } from '../../http/types';
import { sessionCookies } from './sessions';
import type { AkanaState } from './state';
import { sessionHandlers } from './session-handlers';
import { userHandlers } from './user-handlers';

export type { AkanaState } from './state';

type Ctx = RequestContext<AkanaState>;
export const NO_CONTENT = { status: 200 as const, headers: { 'Cache-Control': 'no-cache' } };

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

/** Logged in: a new session's cookies, and who it is (`userID` is the UserID of /api/users/{UserID}). */
function loggedIn(ctx: Ctx, user: User) {
  return {
    status: 200 as const,
    headers: { 'Set-Cookie': sessionCookies(ctx, user), 'Cache-Control': 'no-cache' },
    body: { loginStatus: 'Complete' as const, userName: user.email, userID: String(user.id) },
  };
}

/**
 * A form field that may come in the body or in the query string (Akana's
 * reset operations publish both): the body's value wins; one of them must carry it.
 */
function formOrQuery(ctx: Ctx, name: string): string {
  const fromBody = (ctx.body as Record<string, unknown> | undefined)?.[name];
  const value = fromBody ?? ctx.query[name];
  if (typeof value === 'string') return value;
  const message = `${name} is required`;
  throw new RequestError('VALIDATION', message, [{ field: name, pointer: `/${name}`, keyword: 'required', message }]);
}

/** The kind of the codes invitation mails carry (the spec's mailKinds). */
const INVITATION = 'invitation';

const fullName = (first?: string, last?: string): string => [first, last].filter(Boolean).join(' ');

export const handlers: TypedHandlers<operations, AkanaState> = {
  ...sessionHandlers,
  ...userHandlers,

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
    const { accounts, signup, settings } = ctx.state;
    const known = accounts.byEmail(b.EmailAddress);
    if (!known) accounts.register({ email: b.EmailAddress, name: fullName(b.FirstName, b.LastName), status: 'pending' });
    // A sign-up in progress gets a new code.
    else if (known.status === 'pending') signup.resend(b.EmailAddress);
    // Akana: after completeSignup "any subsequent attempt to sign up using the same email address results in an error";
    // the enumeration-safe setting answers as for any address instead, still without mail.
    else if (!settings.protectSignupEnumeration) throw new DomainError('EMAIL_TAKEN', 'A user with this e-mail address is already registered');
    return NO_CONTENT;
  },

  signupUserWithInvitationCode(ctx) {
    const b = ctx.body;
    const { accounts } = ctx.state;
    const code = ctx.params.InvitationCode;
    const user = accounts.codeOwner(INVITATION, code);
    if (user.email.toLowerCase() !== b.EmailAddress.toLowerCase()) throw new DomainError('CODE_INVALID', 'The invitation code is not valid for this address');
    // Registered meanwhile (through a sign-up of its own): the duplicate rule applies.
    if (user.status !== 'pending') throw new DomainError('EMAIL_TAKEN', 'A user with this e-mail address is already registered');
    accounts.checkPasswordRule(b.Password);
    accounts.consumeCode(INVITATION, code, user.id);
    const name = fullName(b.FirstName, b.LastName);
    if (name) user.name = name;
    accounts.setPassword(user, b.Password);
    // The invitation's link proved the address, so the user is registered and, as Akana says, logged in.
    return loggedIn(ctx, accounts.markActive(user));
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
    ctx.state.passwordReset.request(formOrQuery(ctx, 'emailAddress'));
    return NO_CONTENT;
  },

  validatePasswordResetCode(ctx) {
    // Checked in the order Akana's parameter table lists them, so a missing code is named first.
    const code = formOrQuery(ctx, 'passwordResetCode');
    ctx.state.passwordReset.verify(formOrQuery(ctx, 'emailAddress'), code);
    return NO_CONTENT;
  },

  authenticateWithPasswordResetCode(ctx) {
    const b = ctx.body;
    return loggedIn(ctx, ctx.state.passwordReset.reset(b.email, b.passwordResetCode, b.password));
  },
};
