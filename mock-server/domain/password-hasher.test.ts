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
});
