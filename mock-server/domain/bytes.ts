/**
 * Bytes as Uint8Array and the few encodings the mock writes them in. Buffer
 * would do all of this, but the domain and the vendors' code must also run in
 * a browser, where there is no Buffer; these are small enough to own and test
 * against it.
 */

const encoder = new TextEncoder();

/** The UTF-8 bytes of a string. */
export const utf8 = (text: string): Uint8Array => encoder.encode(text);

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex, two digits a byte. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]];
  return s;
}

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function lookup(alphabet: string): Int16Array {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}
const STANDARD_VALUES = lookup(STANDARD);
const URL_SAFE_VALUES = lookup(URL_SAFE);

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let s = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    s += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    s += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    s += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + (pad ? '=' : '');
  }
  return s;
}

/**
 * Strict, unlike Buffer's decoder, which skips what it does not know: a
 * character outside the alphabet, a length no encoder writes, or padding
 * where `padded` is false is a SyntaxError, so a mangled token or hash is
 * refused rather than read as other bytes.
 */
function decode(text: string, values: Int16Array, padded: boolean): Uint8Array {
  let end = text.length;
  if (padded && end % 4 === 0 && end > 0) {
    if (text[end - 1] === '=') end--;
    if (text[end - 1] === '=') end--;
  }
  if (end % 4 === 1) throw new SyntaxError('Not base64: a length no encoder writes');
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? values[c] : -1;
    if (v < 0) throw new SyntaxError(`Not base64: unexpected '${text[i]}' at ${i}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** Standard base64 with padding, as Buffer's `toString('base64')`. */
export const toBase64 = (bytes: Uint8Array): string => encode(bytes, STANDARD, true);
/** Standard base64, padded or not. */
export const fromBase64 = (text: string): Uint8Array => decode(text, STANDARD_VALUES, true);
/** URL-safe base64 without padding, as Buffer's `toString('base64url')` and JWTs. */
export const toBase64url = (bytes: Uint8Array): string => encode(bytes, URL_SAFE, false);
/** URL-safe base64 without padding; `=` is refused. */
export const fromBase64url = (text: string): Uint8Array => decode(text, URL_SAFE_VALUES, false);

/** The unsigned 32-bit big-endian integer at `offset`. */
export function readUint32BE(bytes: Uint8Array, offset = 0): number {
  if (offset < 0 || offset + 4 > bytes.length) throw new RangeError(`No 4 bytes at ${offset} of ${bytes.length}`);
  return ((bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3]) >>> 0;
}

/**
 * Whether two byte strings are equal, in a time that depends on their length
 * only, not on where they first differ; different lengths are unequal at once
 * (callers compare digests or MACs, whose length is no secret).
 */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
