import { DomainError } from '../../domain/errors';
import type { RateLimiter } from '../../domain/rate-limiter';
import { RequestError } from '../../http/request-error';
import { defineApi, type RequestContext } from '../../http/types';
import { mediaRanges, type CompiledOperation } from '../../../contracts/core';
import type { Accounts } from '../../domain/accounts';
import { akanaError, akanaForcedError } from './errors';
import { akanaSettings, ID, SETTINGS_SCHEMA, type AkanaSettings } from './settings';

interface AkanaState {
  accounts: Accounts;
  settings: AkanaSettings;
  perAddress: RateLimiter;
}

/** The media types an operation serves: its spec's `x-accept`, wildcards left out (they are always served). */
function acceptedMediaTypes(op: CompiledOperation): string[] {
  const listed = op.extensions['x-accept'];
  return Array.isArray(listed) ? listed.map((t) => String(t).toLowerCase()).filter((t) => !t.includes('*')) : [];
}

/** Serves the media types the spec documents, and any wildcard that covers them. */
function checkAccept(ctx: RequestContext<AkanaState>): void {
  const accept = ctx.headers.accept;
  if (!accept) return;
  const ranges = mediaRanges(accept);
  const served = acceptedMediaTypes(ctx.op);
  if (ranges.some((r) => r === '*/*' || r === 'application/*' || served.includes(r))) return;
  throw new RequestError('NOT_ACCEPTABLE', `Accept '${accept}' is not supported; use one of ${served.join(', ')} or */*`);
}

export const api = defineApi<AkanaState>({
  id: ID,
  settings: SETTINGS_SCHEMA,
  accounts: {
    policy(config) {
      const s = akanaSettings(config);
      return {
        pendingMayLogin: false,
        minPasswordLength: 8,
        codeBytes: 10,
        codeTtlMs: { activation: s.activationCodeTtlMs, 'password-reset': s.activationCodeTtlMs, 'third-party-activation': s.activationCodeTtlMs },
      };
    },
    templates: {
      activation: (user, code) => ({
        subject: 'Your activation code',
        text: `Hello ${user.name || user.email},\n\nThank you for signing up. Your activation code is ${code}\n`,
      }),
      'password-reset': (user, code) => ({ subject: 'Reset your password', text: `Hello ${user.name || user.email},\n\nYour password reset code is ${code}\n` }),
      'third-party-activation': (user, code) => ({ subject: 'Your account', text: `Hello ${user.name || user.email},\n\nYour activation code is ${code}\n` }),
    },
    defaultUsername: (email) => email,
  },
  createState: (runtime, accounts) => {
    const settings = akanaSettings(runtime.config);
    return { accounts, settings, perAddress: runtime.limiters.create(`${ID}.resendPerAddress`, settings.resendPerAddress) };
  },
  preflight: checkAccept,
  handlers: {
    resendActivation(ctx) {
      const email = (ctx.body as { emailAddress: string }).emailAddress;
      // Limited per address, known or not, so that the limit reveals no account.
      const wait = ctx.state.perAddress.take(email.toLowerCase(), ctx.runtime.clock.now());
      if (wait > 0) throw new DomainError('RATE_LIMITED', 'Too many requests for this address', { retryAfterMs: wait });
      ctx.state.accounts.resendActivation(email);
      return { status: 200, headers: { 'Cache-Control': 'no-cache' } };
    },
  },
  mapError: akanaError,
  forcedError: akanaForcedError,
});
