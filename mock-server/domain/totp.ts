import { Secret, TOTP } from 'otpauth';

// RFC 6238 defaults, as authenticator apps use them.
function totp(secretBase32: string): TOTP {
  return new TOTP({ secret: Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: 6, period: 30 });
}

const SIX_DIGITS = /^[0-9]{6}$/;

/** Accepts the code of the current 30-second step and of one step either side, for clock drift. */
export function verifyTotp(secretBase32: string, token: string, now: number): boolean {
  // otpauth compares bytes and throws when a six-character token is longer in
  // UTF-8 (e.g. '12345é'); anything but six ASCII digits is simply wrong.
  if (!SIX_DIGITS.test(token)) return false;
  return totp(secretBase32).validate({ token, timestamp: now, window: 1 }) !== null;
}

export function currentTotp(secretBase32: string, now: number): string {
  return totp(secretBase32).generate({ timestamp: now });
}
