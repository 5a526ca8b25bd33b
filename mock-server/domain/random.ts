import crypto from 'node:crypto';

/** Where codes, salts and secrets get their randomness; injectable so tests can make it predictable. */
export interface RandomSource {
  bytes(length: number): Buffer;
}

/**
 * crypto.randomBytes, drawn from a pool refilled 4 KiB at a time: a login asks
 * for a few bytes (a salt, a token id), and one system call per request cost
 * more than the bytes.
 */
export function pooledCryptoRandom(poolSize = 4096): RandomSource {
  const pool = Buffer.alloc(poolSize);
  let offset = poolSize;
  return {
    bytes(n: number): Buffer {
      if (n > poolSize) return crypto.randomBytes(n);
      if (offset + n > poolSize) {
        crypto.randomFillSync(pool);
        offset = 0;
      }
      const out = Buffer.from(pool.subarray(offset, offset + n));
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
    bytes(n: number): Buffer {
      const out = Buffer.alloc(n);
      for (let off = 0; off < n; off += 32) {
        crypto.createHash('sha256').update(`${seed}:${counter++}`).digest().copy(out, off);
      }
      return out;
    },
  };
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function randomHex(random: RandomSource, bytes: number): string {
  return random.bytes(bytes).toString('hex');
}

export function randomBase32(random: RandomSource, length: number): string {
  const b = random.bytes(length);
  let s = '';
  for (let i = 0; i < length; i++) s += BASE32[b[i] & 31];
  return s;
}
