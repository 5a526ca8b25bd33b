import crypto from 'node:crypto';

/** A secret's SHA-256: compared digests have one length, so comparing them tells nothing of the secret's length. */
export const secretDigest = (value: string): Buffer => crypto.createHash('sha256').update(value, 'utf8').digest();

/** Whether `sent` is `expected`, compared in constant time (the admin token, a session's CSRF token). */
export function sameSecret(sent: string, expected: string | Buffer): boolean {
  return crypto.timingSafeEqual(secretDigest(sent), typeof expected === 'string' ? secretDigest(expected) : expected);
}
