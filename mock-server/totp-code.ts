import { currentTotp } from './domain/totp';

const BASE32 = /^[A-Z2-7]+=*$/i;

/**
 * The six-digit TOTP code of a base32 secret at `at` (default: now), as an
 * authenticator app shows it (RFC 6238: SHA-1, 30-second steps). It is the code
 * the mock itself computes, so a test needs no TOTP library of its own. After
 * `admin.clock.advance(ms)`, pass the mock's time (what `advance` resolves to).
 */
export function totp(secretBase32: string, at: Date | number = Date.now()): string {
  // Spaces and lower case are how secrets are often shown and copied.
  const secret = secretBase32.replace(/\s+/g, '').toUpperCase();
  if (!BASE32.test(secret)) throw new TypeError('totp: the secret must be base32 (letters A-Z and digits 2-7)');
  const time = at instanceof Date ? at.getTime() : at;
  if (!Number.isFinite(time)) throw new TypeError('totp: the time must be a Date or a number of milliseconds');
  return currentTotp(secret, time);
}
