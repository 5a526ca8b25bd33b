import { sha256 } from '@noble/hashes/sha2';
import { toHex, utf8 } from './bytes';

/** Where codes, salts and secrets get their randomness; injectable so tests can make it predictable. */
export interface RandomSource {
  bytes(length: number): Uint8Array;
}

// Web Crypto's limit for one getRandomValues call.
const MAX_DRAW = 65_536;

/** `out` filled from the platform's secure generator (Web Crypto, in Node and in browsers alike). */
function fillRandom(out: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  for (let off = 0; off < out.length; off += MAX_DRAW) globalThis.crypto.getRandomValues(out.subarray(off, off + MAX_DRAW));
  return out;
}

/** `n` secure random bytes, without a pool: for the rare draw that must not come from an injected source. */
export const secureRandomBytes = (n: number): Uint8Array => fillRandom(new Uint8Array(n));

/**
 * Secure random bytes, drawn from a pool refilled 4 KiB at a time: a login
 * asks for a few bytes (a salt, a token id), and one call into the platform's
 * generator per request cost more than the bytes.
 */
export function pooledCryptoRandom(poolSize = 4096): RandomSource {
  const pool = new Uint8Array(poolSize);
  let offset = poolSize;
  return {
    bytes(n: number): Uint8Array {
      if (n > poolSize) return secureRandomBytes(n);
      if (offset + n > poolSize) {
        fillRandom(pool);
        offset = 0;
      }
      // A copy: the pool is overwritten when it is refilled.
      const out = pool.slice(offset, offset + n);
      offset += n;
      return out;
    },
  };
}

export const cryptoRandom: RandomSource = pooledCryptoRandom();

/** A deterministic source for tests: a counter run through SHA-256. Not for secrets. */
export function seededRandom(seed: string): RandomSource {
  let counter = 0;
  return {
    bytes(n: number): Uint8Array {
      const out = new Uint8Array(n);
      for (let off = 0; off < n; off += 32) {
        const block = sha256(utf8(`${seed}:${counter++}`));
        out.set(block.subarray(0, n - off), off);
      }
      return out;
    },
  };
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function randomHex(random: RandomSource, bytes: number): string {
  return toHex(random.bytes(bytes));
}

export function randomBase32(random: RandomSource, length: number): string {
  const b = random.bytes(length);
  let s = '';
  for (let i = 0; i < length; i++) s += BASE32[b[i] & 31];
  return s;
}
