import { hmac } from '@noble/hashes/hmac';
import { sha1 } from '@noble/hashes/legacy';
import { sha256 } from '@noble/hashes/sha2';
import { toHex, utf8 } from './bytes';

// @noble/hashes rather than node:crypto: plain JavaScript, so the domain and the
// vendors' code run in a browser as well, with output identical to node's.

/** SHA-256 of a string's UTF-8 bytes. */
export const sha256Of = (text: string): Uint8Array => sha256(utf8(text));

/** SHA-256 of a string's UTF-8 bytes, in hex. */
export const sha256Hex = (text: string): string => toHex(sha256Of(text));

/** SHA-1 of a string's UTF-8 bytes, in hex (a vendor's clients send passwords so). */
export const sha1Hex = (text: string): string => toHex(sha1(utf8(text)));

/** HMAC-SHA-256 of a string with a string key (both UTF-8), in hex. */
export const hmacSha256Hex = (key: string, text: string): string => toHex(hmac(sha256, utf8(key), utf8(text)));
