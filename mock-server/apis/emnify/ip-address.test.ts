import fc from 'fast-check';
import { isIP } from 'node:net';
import { ipFamily } from './ip-address';

// node:net's isIP is the reference: application tokens were checked with it, and the same addresses must pass.
describe('ipFamily', () => {
  test.each([
    ['127.0.0.1', 4],
    ['255.255.255.255', 4],
    ['0.0.0.0', 4],
    ['256.0.0.1', 0],
    ['01.2.3.4', 0],
    ['1.2.3', 0],
    ['1.2.3.4.5', 0],
    [' 1.2.3.4', 0],
    ['::', 6],
    ['::1', 6],
    ['2001:db8::', 6],
    ['2001:0db8:0000:0000:0000:ff00:0042:8329', 6],
    ['::ffff:192.0.2.1', 6],
    ['fe80::1%eth0', 6],
    ['1:2:3:4:5:6:7:8:9', 0],
    ['2001:db8:::1', 0],
    ['12345::', 0],
    ['', 0],
    ['localhost', 0],
  ])('%j is family %i, as node says', (address, family) => {
    expect(ipFamily(address)).toBe(family);
    expect(isIP(address)).toBe(family);
  });

  test('agrees with node on generated addresses and near misses', () => {
    const nearMiss = fc.oneof(fc.ipV4(), fc.ipV6(), fc.ipV4Extended()).chain((a) =>
      fc.tuple(fc.nat({ max: a.length }), fc.constantFrom('', ':', '.', '%', '1', 'g', '::', '0')).map(([at, c]) => a.slice(0, at) + c + a.slice(at + (c ? 1 : 0))),
    );
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6(), fc.ipV4Extended(), nearMiss, fc.string({ maxLength: 20 })), (address) => {
        expect(ipFamily(address)).toBe(isIP(address));
      }),
      { numRuns: 2000 },
    );
  });
});
