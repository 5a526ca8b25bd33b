import crypto from 'node:crypto';
import { toHex } from './bytes';
import { pooledCryptoRandom, randomBase32, randomHex, secureRandomBytes, seededRandom } from './random';

describe('random sources', () => {
  test('the pooled source never hands out the same bytes twice, across refills', () => {
    const r = pooledCryptoRandom(64);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(toHex(r.bytes(10)));
    expect(seen.size).toBe(200);
    expect(r.bytes(100)).toHaveLength(100);
  });

  test('bytes handed out stay as they were when the pool is refilled', () => {
    const r = pooledCryptoRandom(16);
    const first = r.bytes(16);
    const copy = first.slice();
    r.bytes(16);
    expect(first).toEqual(copy);
  });

  test('a draw larger than one Web Crypto call allows is filled throughout', () => {
    const big = secureRandomBytes(200_000);
    expect(big).toBeInstanceOf(Uint8Array);
    // Untouched zeros at the end would mean a chunk was skipped; 4 KiB of zeros by chance is impossible.
    expect(big.subarray(196_000).some((b) => b !== 0)).toBe(true);
    expect(pooledCryptoRandom(64).bytes(70_000).subarray(66_000).some((b) => b !== 0)).toBe(true);
  });

  test('the seeded source repeats itself for the same seed only', () => {
    expect(seededRandom('a').bytes(40)).toEqual(seededRandom('a').bytes(40));
    expect(seededRandom('a').bytes(40)).not.toEqual(seededRandom('b').bytes(40));
  });

  // Seeded tests and fixtures depend on the exact bytes: they are those of the earlier node:crypto source.
  test('the seeded source draws the bytes it drew with node:crypto', () => {
    const before = (seed: string, sizes: number[]): string[] => {
      let counter = 0;
      return sizes.map((n) => {
        const out = Buffer.alloc(n);
        for (let off = 0; off < n; off += 32) crypto.createHash('sha256').update(`${seed}:${counter++}`).digest().copy(out, off);
        return out.toString('hex');
      });
    };
    const r = seededRandom('fixtures');
    const sizes = [16, 32, 1, 57, 100];
    expect(sizes.map((n) => toHex(r.bytes(n)))).toEqual(before('fixtures', sizes));
  });

  test('hex and base32 have the asked length and alphabet', () => {
    expect(randomHex(seededRandom('x'), 10)).toMatch(/^[0-9a-f]{20}$/);
    expect(randomBase32(seededRandom('x'), 32)).toMatch(/^[A-Z2-7]{32}$/);
  });
});
