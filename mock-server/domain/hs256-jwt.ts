import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { equalBytes, fromBase64url, toBase64url, utf8 } from './bytes';

/*
 * HS256 compact JWS, signed and verified here rather than by a library.
 * jsonwebtoken needs node:crypto and Buffer; jose runs anywhere but only
 * asynchronously (Web Crypto), which would make every token issued or checked,
 * and so every handler that logs in or authenticates, a promise. HS256 is one
 * HMAC-SHA-256 over two base64url strings: synchronous, plain JavaScript
 * (@noble/hashes), the same in Node and in a browser.
 *
 * The tokens are byte for byte those jsonwebtoken wrote (same header, claims
 * in the order given), and verification refuses whatever it refused: exp and
 * nbf are checked as it checked them, iat is not checked. Stricter on purpose:
 * the header must say alg HS256 and typ JWT and carry no `crit`, the parts must
 * be canonical unpadded base64url, and the payload a JSON object.
 */

/** Why a token was refused: `expired` for a valid token past its exp, `invalid` for anything else. */
export class JwtRefused extends Error {
  constructor(
    readonly reason: 'expired' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'JwtRefused';
  }
}

/** The only header this signer writes: what jsonwebtoken wrote for HS256. */
const HEADER = toBase64url(utf8(JSON.stringify({ alg: 'HS256', typ: 'JWT' })));
const decoder = new TextDecoder('utf-8', { fatal: true });

/** One part of the token as a JSON object; undefined when it is not one (bad base64url, bad UTF-8, bad JSON, not an object). */
function jsonPart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(decoder.decode(fromBase64url(part)));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export class Hs256Jwt {
  // The key's inner and outer pads hashed once: each signature clones this state
  // rather than hashing the key again (a login signs, every authenticated call verifies).
  private readonly keyed: ReturnType<typeof hmac.create>;

  constructor(secret: string) {
    this.keyed = hmac.create(sha256, utf8(secret));
  }

  private signature(signingInput: string): string {
    return toBase64url(this.keyed.clone().update(utf8(signingInput)).digest());
  }

  /** A compact JWS of `claims`, serialised in their own key order. */
  sign(claims: Readonly<Record<string, unknown>>): string {
    const input = `${HEADER}.${toBase64url(utf8(JSON.stringify(claims)))}`;
    return `${input}.${this.signature(input)}`;
  }

  /** The claims of a token this key signed, still valid at `nowSeconds`; a JwtRefused otherwise. */
  verify(token: string, nowSeconds: number): Record<string, unknown> {
    const parts = token.split('.');
    if (parts.length !== 3) throw new JwtRefused('invalid', 'jwt malformed');
    const [header, payload, signature] = parts;
    const h = jsonPart(header);
    if (!h || h.alg !== 'HS256' || h.typ !== 'JWT' || 'crit' in h) throw new JwtRefused('invalid', 'jwt header is not HS256 JWT');
    // Compared as the canonical encoding, in constant time: a signature spelt another way is refused as well.
    if (!equalBytes(utf8(this.signature(`${header}.${payload}`)), utf8(signature))) throw new JwtRefused('invalid', 'invalid signature');
    const claims = jsonPart(payload);
    if (!claims) throw new JwtRefused('invalid', 'jwt payload is not a JSON object');
    const { nbf, exp } = claims;
    if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowSeconds)) throw new JwtRefused('invalid', 'jwt not active');
    if (exp !== undefined && typeof exp !== 'number') throw new JwtRefused('invalid', 'invalid exp value');
    if (typeof exp === 'number' && nowSeconds >= exp) throw new JwtRefused('expired', 'jwt expired');
    return claims;
  }
}
