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

export class PasswordHasher {
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
    const [scheme, n, r, p, salt, key] = stored.split('$');
    if (scheme !== 'scrypt') return false;
    const expected = Buffer.from(key, 'base64');
    const actual = crypto.scryptSync(secret, Buffer.from(salt, 'base64'), expected.length, { N: +n, r: +r, p: +p });
    return crypto.timingSafeEqual(actual, expected);
  }
}
