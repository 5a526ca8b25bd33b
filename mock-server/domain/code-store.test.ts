import { CodeStore } from './code-store';
import { isDomainError } from './errors';

const codeError = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return isDomainError(err) ? err.code : 'other';
  }
  return undefined;
};

describe('CodeStore', () => {
  test('a code belongs to its user until it expires', () => {
    const s = new CodeStore();
    s.issue('activation', 7, 'abc', 1000);
    expect(s.check('activation', 'abc', 999)).toBe(7);
    expect(codeError(() => s.check('activation', 'abc', 1000))).toBe('CODE_EXPIRED');
  });

  test.each([
    ['another code', 'abd', 'activation', undefined],
    ['another kind', 'abc', 'password-reset', undefined],
    ['another user', 'abc', 'activation', 8],
  ] as const)('%s is refused as CODE_INVALID', (_label, code, kind, user) => {
    const s = new CodeStore();
    s.issue('activation', 7, 'abc', 1000);
    expect(codeError(() => s.check(kind, code, 0, user))).toBe('CODE_INVALID');
  });

  test('a consumed code cannot be used again', () => {
    const s = new CodeStore();
    s.issue('password-reset', 1, 'x1', 1000);
    expect(s.consume('password-reset', 'x1', 0)).toBe(1);
    expect(codeError(() => s.consume('password-reset', 'x1', 0))).toBe('CODE_INVALID');
  });

  test('issuing a new code of a kind voids the previous one, and other kinds stay', () => {
    const s = new CodeStore();
    s.issue('activation', 1, 'old', 1000);
    s.issue('password-reset', 1, 'reset', 1000);
    s.issue('activation', 1, 'new', 1000);
    expect(codeError(() => s.check('activation', 'old', 0))).toBe('CODE_INVALID');
    expect(s.check('activation', 'new', 0)).toBe(1);
    expect(s.check('password-reset', 'reset', 0)).toBe(1);
  });
});
