import { scrypt } from '@noble/hashes/scrypt';
import { equalBytes, fromBase64, toBase64 } from './bytes';
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

/**
 * The memory one scrypt run may take, node's default limit (32 MiB): the
 * pure-JavaScript scrypt would allow 1 GiB, and a costly hash in an imported
 * state file must not stall the server. A cost beyond it cannot be hashed,
 * as before, and a stored hash beyond it never matches.
 */
const MAX_SCRYPT_MEMORY = 32 * 1024 * 1024;

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
    const key = scrypt(secret, salt, { N, r, p, dkLen: KEY_LENGTH, maxmem: MAX_SCRYPT_MEMORY });
    return `scrypt$${N}$${r}$${p}$${toBase64(salt)}$${toBase64(key)}`;
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
    if (scheme !== 'scrypt' || salt === undefined || key === undefined) return false;
    let expected: Uint8Array;
    let saltBytes: Uint8Array;
    try {
      expected = fromBase64(key);
      saltBytes = fromBase64(salt);
    } catch {
      return false;
    }
    if (expected.length === 0) return false;
    try {
      return equalBytes(scrypt(secret, saltBytes, { N: Number(n), r: Number(r), p: Number(p), dkLen: expected.length, maxmem: MAX_SCRYPT_MEMORY }), expected);
    } catch {
      // A cost scrypt refuses (not a power of two, past the memory bound): a hash no secret matches.
      return false;
    }
  }
}
