import { pooledCryptoRandom, randomBase32, randomHex, seededRandom } from './random';

describe('random sources', () => {
  test('the pooled source never hands out the same bytes twice, across refills', () => {
    const r = pooledCryptoRandom(64);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(r.bytes(10).toString('hex'));
    expect(seen.size).toBe(200);
    expect(r.bytes(100)).toHaveLength(100);
  });

  test('the seeded source repeats itself for the same seed only', () => {
    expect(seededRandom('a').bytes(40)).toEqual(seededRandom('a').bytes(40));
    expect(seededRandom('a').bytes(40)).not.toEqual(seededRandom('b').bytes(40));
  });

  test('hex and base32 have the asked length and alphabet', () => {
    expect(randomHex(seededRandom('x'), 10)).toMatch(/^[0-9a-f]{20}$/);
    expect(randomBase32(seededRandom('x'), 32)).toMatch(/^[A-Z2-7]{32}$/);
  });
});
