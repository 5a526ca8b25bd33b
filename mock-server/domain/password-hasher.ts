import crypto from 'node:crypto';
import type { RandomSource } from './random';

/**
 * scrypt parameters. The default is deliberately cheap: this is a mock that
 * must answer thousands of logins a second, and its passwords protect nothing.
 * Raise `N` to feel a production-like cost.
 */
export interface HashCost {
  N: number;
  r: number;
  p: number;
}
export const CHEAP_HASH_COST: HashCost = { N: 16, r: 1, p: 1 };
const KEY_LENGTH = 32;

/** Successful checks remembered at most; past that the memory starts afresh. */
const MEMO_LIMIT = 10_000;

export class PasswordHasher {
  // Successful checks, keyed by stored hash and secret. A changed password has
  // a new hash (new salt), so nothing stale can match; a wrong secret is never
  // remembered. Repeated logins, a frontend's bread and butter, skip scrypt.
  private readonly verified = new Set<string>();

  constructor(
    private readonly random: RandomSource,
    private readonly cost: HashCost = CHEAP_HASH_COST,
  ) {}

  /** `scrypt$N$r$p$salt$hash`, base64 parts: a string, so a stored user stays small. */
  hash(secret: string): string {
    const salt = this.random.bytes(16);
    const { N, r, p } = this.cost;
    const key = crypto.scryptSync(secret, salt, KEY_LENGTH, { N, r, p });
    return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
  }

  verify(secret: string, stored: string | null): boolean {
    if (!stored) return false;
    const memo = `${stored}\u0000${secret}`;
    if (this.verified.has(memo)) return true;
    const ok = this.check(secret, stored);
    if (ok) {
      if (this.verified.size >= MEMO_LIMIT) this.verified.clear();
      this.verified.add(memo);
    }
    return ok;
  }

  private check(secret: string, stored: string): boolean {
    const [scheme, n, r, p, salt, key] = stored.split('$');
    if (scheme !== 'scrypt') return false;
    const expected = Buffer.from(key, 'base64');
    const actual = crypto.scryptSync(secret, Buffer.from(salt, 'base64'), expected.length, { N: +n, r: +r, p: +p });
    return crypto.timingSafeEqual(actual, expected);
  }
}
