import crypto from 'node:crypto';
import { PasswordHasher } from './password-hasher';
import { seededRandom } from './random';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher(seededRandom('hasher'));

  test('verifies the right secret and refuses a wrong one', () => {
    const stored = hasher.hash('correct horse');
    expect(stored).not.toContain('correct horse');
    expect(hasher.verify('correct horse', stored)).toBe(true);
    expect(hasher.verify('correct horsf', stored)).toBe(false);
    expect(hasher.verify('anything', null)).toBe(false);
  });

  test('a remembered success never lets a wrong secret or a changed hash through', () => {
    const stored = hasher.hash('first');
    expect(hasher.verify('first', stored)).toBe(true);
    expect(hasher.verify('first', stored)).toBe(true);
    expect(hasher.verify('firsT', stored)).toBe(false);
    expect(hasher.verify('first', hasher.hash('second'))).toBe(false);
  });

  test('salts every hash, so equal passwords are stored differently', () => {
    expect(hasher.hash('same')).not.toBe(hasher.hash('same'));
  });

  test('records its cost, so a stored hash verifies after the cost setting changes', () => {
    const costly = new PasswordHasher(seededRandom('c'), { N: 1024, r: 8, p: 1 });
    const stored = costly.hash('pw');
    expect(stored.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(hasher.verify('pw', stored)).toBe(true);
  });

  // Stored hashes of earlier versions (users in state files) were made by node's scrypt; both must read each other's.
  const nodeHash = (secret: string, N: number, r: number, p: number): string => {
    const salt = crypto.randomBytes(16);
    return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${crypto.scryptSync(secret, salt, 32, { N, r, p }).toString('base64')}`;
  };

  test.each([
    [16, 1, 1],
    [1024, 8, 1],
    [64, 2, 3],
  ])('a hash node made with N=%i r=%i p=%i verifies, and the hash made here verifies with node', (N, r, p) => {
    for (const secret of ['pw', 'grüße 🙂', '']) {
      expect(new PasswordHasher(seededRandom('n')).verify(secret, nodeHash(secret, N, r, p))).toBe(true);
      expect(new PasswordHasher(seededRandom('n')).verify(`${secret}x`, nodeHash(secret, N, r, p))).toBe(false);
      const [, , , , salt, key] = new PasswordHasher(seededRandom('n'), { N, r, p }).hash(secret).split('$');
      expect(crypto.scryptSync(secret, Buffer.from(salt, 'base64'), 32, { N, r, p }).toString('base64')).toBe(key);
    }
  });

  test.each([
    ['another scheme', 'bcrypt$16$1$1$c2FsdA==$a2V5'],
    ['missing parts', 'scrypt$16$1$1'],
    ['a salt that is not base64', 'scrypt$16$1$1$not base64!$a2V5a2V5'],
    ['an empty key', 'scrypt$16$1$1$c2FsdA==$'],
    ['N not a power of two', 'scrypt$15$1$1$c2FsdA==$a2V5a2V5'],
    ['N not a number', 'scrypt$many$1$1$c2FsdA==$a2V5a2V5'],
    ['a cost past the memory bound', 'scrypt$1048576$8$1$c2FsdA==$a2V5a2V5'],
  ])('a stored hash with %s matches no secret, without throwing', (_case, stored) => {
    expect(hasher.verify('pw', stored)).toBe(false);
  });

  test('a cost past the memory bound cannot be hashed with', () => {
    expect(() => new PasswordHasher(seededRandom('m'), { N: 2 ** 20, r: 8, p: 1 }).hash('pw')).toThrow();
  });
});
