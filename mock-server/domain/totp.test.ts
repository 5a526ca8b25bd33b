import { currentTotp, verifyTotp } from './totp';

const SECRET = 'DRZO6KIONLKNNBKVBIOFYTKQYN6KQMAF';
const NOW = Date.UTC(2026, 0, 1);

describe('TOTP verification', () => {
  test('accepts the current code and the codes of the neighbouring steps', () => {
    expect(verifyTotp(SECRET, currentTotp(SECRET, NOW), NOW)).toBe(true);
    expect(verifyTotp(SECRET, currentTotp(SECRET, NOW - 30_000), NOW)).toBe(true);
    expect(verifyTotp(SECRET, currentTotp(SECRET, NOW - 90_000), NOW)).toBe(false);
  });

  test.each(['12345é', '１２３４５６', '12345\u0000', ' 23456', '1234567', '12345', '', 'abcdef'])('refuses %j without throwing', (token) => {
    expect(verifyTotp(SECRET, token, NOW)).toBe(false);
  });
});
