import { toBase64url } from './bytes';
import type { Clock } from './clock';
import { DomainError } from './errors';
import { Hs256Jwt, JwtRefused } from './hs256-jwt';
import type { Logger } from './logger';
import { secureRandomBytes } from './random';

/** `mfa`: a short-lived token between the password and the second factor, for a vendor that asks for them in two calls. */
export type TokenType = 'access' | 'refresh' | 'mfa';

export interface TokenClaims {
  /** The user's id. */
  sub: string;
  vendor: string;
  typ: TokenType;
  /** The user's password version when the token was issued. */
  pwv: number;
  /** The world that issued it: `default` or a tenant's name. Always set by the mock; a token a test signs itself may leave it out. */
  wld?: string;
  /** The incarnation of that world (see `TokenService.epoch`). Always set by the mock; a token a test signs itself may leave it out. */
  ep?: string;
  /** A session's id, for a vendor that ends one session of a user and keeps the others (absent otherwise). */
  sid?: string;
  iat: number;
  exp: number;
}

/**
 * A new incarnation's name. Random rather than counted, so that a world that
 * starts afresh (a tenant deleted and named again, a restart without the
 * state file) never takes the name of an earlier one; and not from the
 * world's injected RandomSource, which a test may seed and run twice.
 */
export function newEpoch(): string {
  return toBase64url(secureRandomBytes(9));
}

const INVALID = 'The token is not valid';

/**
 * Signs and verifies one world's HS256 JWTs against the injected clock, so
 * expiry follows time travel. A token belongs to the world that issued it and
 * to one incarnation of that world (its epoch, which every reset, import or
 * re-creation replaces): anywhere else it is refused like any invalid token,
 * so it can never act on the user who has the same id in another world.
 */
export class TokenService {
  private readonly jwt: Hs256Jwt;
  private current: string;

  constructor(
    secret: string,
    private readonly clock: Clock,
    /** The world's name, `default` for the default world. */
    readonly world: string,
    /** Where the hint about a token of another world or incarnation goes. */
    private readonly logger?: Logger,
    epoch: string = newEpoch(),
  ) {
    this.jwt = new Hs256Jwt(secret);
    this.current = epoch;
  }

  /** The incarnation of the world whose tokens are accepted; saved with the state, so that a restart keeps it. */
  get epoch(): string {
    return this.current;
  }

  /** A new incarnation (or, from the state file, the saved one): every token of any other is refused from now on. */
  setEpoch(epoch: string = newEpoch()): void {
    if (epoch === this.current) return;
    this.current = epoch;
    // The memo holds the old incarnation's tokens; none of them may be handed out again.
    this.memo.clear();
    this.hinted = '';
  }

  // Tokens are a function of their claims, and the claims change at most once
  // a second: the same user logging in again within the second gets the same
  // token, as any JWT issuer without a token id would hand out, without signing again.
  // The service is one world's, and the memo is emptied whenever the epoch
  // changes, so the world and the epoch are part of every key without being spelt out.
  private memoSecond = -1;
  private readonly memo = new Map<string, string>();
  /** The world and epoch last named in a hint, so that a client retrying a stale token does not flood the console. */
  private hinted = '';

  /** A signed token; with `sid`, a session's token, which is never memoized, since each session's differs. */
  issue(subject: { id: number; vendor: string; passwordVersion: number }, typ: TokenType, ttlSeconds: number, sid?: string): string {
    const iat = Math.floor(this.clock.now() / 1000);
    if (sid !== undefined) {
      return this.jwt.sign({ sub: String(subject.id), vendor: subject.vendor, typ, pwv: subject.passwordVersion, wld: this.world, ep: this.current, sid, iat, exp: iat + ttlSeconds });
    }
    if (iat !== this.memoSecond) {
      this.memo.clear();
      this.memoSecond = iat;
    }
    const key = `${subject.vendor}:${subject.id}:${subject.passwordVersion}:${typ}:${ttlSeconds}`;
    let token = this.memo.get(key);
    if (token === undefined) {
      token = this.jwt.sign({ sub: String(subject.id), vendor: subject.vendor, typ, pwv: subject.passwordVersion, wld: this.world, ep: this.current, iat, exp: iat + ttlSeconds });
      if (this.memo.size < 10_000) this.memo.set(key, token);
    }
    return token;
  }

  /** The claims of a valid token of that vendor and type, issued by this world in its current incarnation; TOKEN_EXPIRED or TOKEN_INVALID otherwise. */
  verify(token: string, vendor: string, typ: TokenType): TokenClaims {
    let claims: TokenClaims;
    try {
      claims = this.jwt.verify(token, Math.floor(this.clock.now() / 1000)) as unknown as TokenClaims;
    } catch (err) {
      if (err instanceof JwtRefused && err.reason === 'expired') throw new DomainError('TOKEN_EXPIRED', 'The token has expired');
      throw new DomainError('TOKEN_INVALID', INVALID);
    }
    if (claims.vendor !== vendor || claims.typ !== typ) throw new DomainError('TOKEN_INVALID', INVALID);
    // Absent claims are not checked: the mock always sets both, so only a test holding the secret signs a token without them.
    if ((claims.wld !== undefined && claims.wld !== this.world) || (claims.ep !== undefined && claims.ep !== this.current)) {
      this.hint(claims);
      throw new DomainError('TOKEN_INVALID', INVALID);
    }
    return claims;
  }

  /** The console says why; the client gets the vendor's plain refusal, as from the real API. */
  private hint(claims: TokenClaims): void {
    if (!this.logger) return;
    const seen = `${String(claims.wld)}\n${String(claims.ep)}`;
    if (seen === this.hinted) return;
    this.hinted = seen;
    const refused = `${claims.vendor} token refused in world '${this.world}'`;
    if (claims.wld !== undefined && claims.wld !== this.world) {
      this.logger.warn(`${refused}: it was issued in world '${claims.wld}', and a token works only in the world that issued it (X-Authmock-Tenant or /__tenants/NAME; 'default' is the one without either)`);
    } else {
      this.logger.warn(`${refused}: it was issued before this world was last reset, imported or created again; log in again`);
    }
  }
}
