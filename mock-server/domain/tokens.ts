import crypto, { type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Clock } from './clock';
import { DomainError } from './errors';

/** `mfa`: a short-lived token between the password and the second factor, for a vendor that asks for them in two calls. */
export type TokenType = 'access' | 'refresh' | 'mfa';

export interface TokenClaims {
  /** The user's id. */
  sub: string;
  vendor: string;
  typ: TokenType;
  /** The user's password version when the token was issued. */
  pwv: number;
  iat: number;
  exp: number;
}

/** Signs and verifies HS256 JWTs against the injected clock, so expiry follows time travel. */
export class TokenService {
  // A KeyObject made once: given a string, jsonwebtoken first tries to parse it
  // as a private key on every call, and that failed parse dominated login time.
  private readonly key: KeyObject;

  constructor(
    secret: string,
    private readonly clock: Clock,
  ) {
    this.key = crypto.createSecretKey(Buffer.from(secret, 'utf8'));
  }

  // Tokens are a function of their claims, and the claims change at most once
  // a second: the same user logging in again within the second gets the same
  // token, as any JWT issuer without a token id would hand out, without signing again.
  private memoSecond = -1;
  private readonly memo = new Map<string, string>();

  issue(subject: { id: number; vendor: string; passwordVersion: number }, typ: TokenType, ttlSeconds: number): string {
    const iat = Math.floor(this.clock.now() / 1000);
    if (iat !== this.memoSecond) {
      this.memo.clear();
      this.memoSecond = iat;
    }
    const key = `${subject.vendor}:${subject.id}:${subject.passwordVersion}:${typ}:${ttlSeconds}`;
    let token = this.memo.get(key);
    if (token === undefined) {
      token = jwt.sign({ sub: String(subject.id), vendor: subject.vendor, typ, pwv: subject.passwordVersion, iat }, this.key, { algorithm: 'HS256', expiresIn: ttlSeconds });
      if (this.memo.size < 10_000) this.memo.set(key, token);
    }
    return token;
  }

  /** The claims of a valid token of that vendor and type; TOKEN_EXPIRED or TOKEN_INVALID otherwise. */
  verify(token: string, vendor: string, typ: TokenType): TokenClaims {
    let claims: TokenClaims;
    try {
      claims = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        clockTimestamp: Math.floor(this.clock.now() / 1000),
      }) as TokenClaims;
    } catch (err) {
      if (err instanceof jwt.TokenExpiredError) throw new DomainError('TOKEN_EXPIRED', 'The token has expired');
      throw new DomainError('TOKEN_INVALID', 'The token is not valid');
    }
    if (claims.vendor !== vendor || claims.typ !== typ) throw new DomainError('TOKEN_INVALID', 'The token is not valid');
    return claims;
  }
}
