import { currentTotp, verifyTotp } from './domain/totp';
import { totp } from './totp-code';

// RFC 6238, appendix B: the SHA-1 secret "12345678901234567890" in base32, and its codes' last six digits.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('totp', () => {
  test.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('at %i s gives the RFC 6238 code %s', (seconds, code) => {
    expect(totp(RFC_SECRET, seconds * 1000)).toBe(code);
  });

  test('a Date and its milliseconds give the same code, which the mock accepts', () => {
    const at = new Date('2026-12-03T12:00:00Z');
    expect(totp(RFC_SECRET, at)).toBe(totp(RFC_SECRET, at.getTime()));
    expect(totp(RFC_SECRET, at)).toBe(currentTotp(RFC_SECRET, at.getTime()));
    expect(verifyTotp(RFC_SECRET, totp(RFC_SECRET, at), at.getTime())).toBe(true);
  });

  test('a secret in lower case or with spaces is read as shown', () => {
    expect(totp('gezd gnbv gy3t qojq gezd gnbv gy3t qojq', 59_000)).toBe('287082');
  });

  test.each([
    ['not base32', 'secret!', 'the secret must be base32'],
    ['empty', '', 'the secret must be base32'],
  ])('a secret that is %s is refused with a clear message', (_label, secret, message) => {
    expect(() => totp(secret)).toThrow(message);
  });

  test('a time that is not a number is refused', () => {
    expect(() => totp(RFC_SECRET, new Date('nonsense'))).toThrow('the time must be a Date or a number');
  });
});
