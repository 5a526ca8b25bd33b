import type { CompiledOperation } from '../../../contracts/core/compile';
import { DomainError } from '../../domain/errors';
import type { RateLimit } from '../../domain/rate-limiter';
import type { RequestContext } from '../../http/types';
import { ID } from './settings';
import type { EmnifyState } from './state';

/** The limiter's name among the world's limiters (saved with the state). */
export const AUTHENTICATE_LIMITER = `${ID}.authenticatePerIp`;

/**
 * The operation's documented limit, its `x-rate-limit` in the spec (the one
 * place the vendor's figures are written): `{requests, window}` in seconds.
 */
export function specLimit(op: CompiledOperation): RateLimit | undefined {
  const raw = op.extensions['x-rate-limit'];
  const entry = (Array.isArray(raw) ? raw[0] : raw) as { requests?: unknown; window?: unknown } | undefined;
  if (!entry || typeof entry.requests !== 'number' || typeof entry.window !== 'number') return undefined;
  return { limit: entry.requests, windowMs: entry.window * 1000 };
}

/** The rule the setting asks for: the spec's (true), none (false), or its own. */
export function authenticateRule(setting: EmnifyState['settings']['authenticateLimit'], op: CompiledOperation): RateLimit | undefined {
  if (setting === false) return undefined;
  if (setting === true) return specLimit(op);
  return setting;
}

/**
 * Counts every authenticate call (well-formed or not, as a gateway would) per
 * client IP, and refuses past the limit with 429 and Retry-After. The limiter
 * is made on the first call, when the operation (and so the spec's limit) is
 * at hand; it lives with the world's other limiters, so a reset empties it and
 * each tenant counts on its own.
 */
export function limitAuthenticate(ctx: RequestContext<EmnifyState>): void {
  const state = ctx.state;
  if (state.authenticateLimiter === undefined) {
    const rule = authenticateRule(state.settings.authenticateLimit, ctx.op);
    state.authenticateLimiter = rule ? { rule, limiter: ctx.runtime.limiters.create(AUTHENTICATE_LIMITER, rule) } : null;
  }
  const active = state.authenticateLimiter;
  if (!active) return;
  const wait = active.limiter.take(ctx.clientIp, ctx.runtime.clock.now());
  if (wait > 0) {
    throw new DomainError('AUTHENTICATE_LIMITED', `Too many authentication requests from this address: ${active.rule.limit} in ${active.rule.windowMs / 1000} s`, { retryAfterMs: wait });
  }
}
