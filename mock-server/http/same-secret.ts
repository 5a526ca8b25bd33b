import { equalBytes } from '../domain/bytes';
import { sha256Of } from '../domain/digests';

/** A secret's SHA-256: compared digests have one length, so comparing them tells nothing of the secret's length. */
export const secretDigest = (value: string): Uint8Array => sha256Of(value);

/** Whether `sent` is `expected`, compared in constant time (the admin token, a session's CSRF token). */
export function sameSecret(sent: string, expected: string | Uint8Array): boolean {
  return equalBytes(secretDigest(sent), typeof expected === 'string' ? secretDigest(expected) : expected);
}
