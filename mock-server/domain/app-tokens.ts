import { toBase64url } from './bytes';
import type { Clock } from './clock';
import { DomainError } from './errors';
import type { RandomSource } from './random';
import type { User } from './user-store';

/** Tokens one user base keeps at most, revoked ones included: past it, creating one is refused. */
export const MAX_APP_TOKENS = 1000;

/** A long-lived token a user creates for a machine to log in with; it acts as its creator. */
export interface AppToken {
  id: number;
  creatorId: number;
  description: string;
  createdAt: number;
  /** null: it never expires. */
  expiresAt: number | null;
  /** Shown as the client gave it; the mock does not restrict logins by it. */
  ip: string | null;
  revokedAt: number | null;
}

export interface NewAppToken {
  description?: string;
  expiresAt?: number | null;
  ip?: string | null;
  /** Use this token string instead of a random one (fixtures). */
  fixed?: string;
}

/**
 * The application tokens of one vendor's user base. The token strings are
 * kept in memory only, to find a token by the string a client logs in with;
 * listings never show them. Knows nothing of HTTP.
 */
export class AppTokens {
  private readonly byId = new Map<number, AppToken>();
  private readonly bySecret = new Map<string, AppToken>();
  private readonly secrets = new Map<number, string>();
  private nextId = 1;

  constructor(private readonly deps: { clock: Clock; random: RandomSource }) {}

  /** A new token and its string, which only this answer shows. */
  create(creator: User, input: NewAppToken = {}): { token: AppToken; secret: string } {
    if (this.byId.size >= MAX_APP_TOKENS) {
      throw new DomainError('INVALID_INPUT', `At most ${MAX_APP_TOKENS} application tokens are kept; revoked ones count too`, { field: 'application_token' });
    }
    const secret = input.fixed ?? toBase64url(this.deps.random.bytes(57));
    if (this.bySecret.has(secret)) throw new DomainError('INVALID_INPUT', 'That application token exists already', { field: 'application_token' });
    const token: AppToken = {
      id: this.nextId++,
      creatorId: creator.id,
      description: input.description ?? '',
      createdAt: this.deps.clock.now(),
      expiresAt: input.expiresAt ?? null,
      ip: input.ip ?? null,
      revokedAt: null,
    };
    this.byId.set(token.id, token);
    this.bySecret.set(secret, token);
    this.secrets.set(token.id, secret);
    return { token, secret };
  }

  /** Every token, oldest first. */
  list(): AppToken[] {
    return [...this.byId.values()];
  }

  get(id: number): AppToken {
    const token = this.byId.get(id);
    if (!token) throw new DomainError('APP_TOKEN_NOT_FOUND', `Application token ${id} not found`);
    return token;
  }

  /** Revoked by hand, or past its expiry date (the vendor revokes those automatically). */
  isRevoked(token: AppToken): boolean {
    return token.revokedAt !== null || (token.expiresAt !== null && token.expiresAt <= this.deps.clock.now());
  }

  revoke(id: number): void {
    const token = this.get(id);
    if (token.revokedAt === null) token.revokedAt = this.deps.clock.now();
  }

  /** The live token a client logs in with; INVALID_CREDENTIALS for an unknown, revoked or expired one. */
  redeem(secret: string): AppToken {
    const token = this.bySecret.get(secret);
    if (!token || this.isRevoked(token)) throw new DomainError('INVALID_CREDENTIALS', 'Unknown, revoked or expired application token');
    return token;
  }

  /** The tokens of a user who is gone go with them: they acted as that user. */
  forgetUser(userId: number): void {
    for (const token of [...this.byId.values()]) {
      if (token.creatorId !== userId) continue;
      this.byId.delete(token.id);
      const secret = this.secrets.get(token.id);
      if (secret !== undefined) this.bySecret.delete(secret);
      this.secrets.delete(token.id);
    }
  }

  reset(): void {
    this.byId.clear();
    this.bySecret.clear();
    this.secrets.clear();
    this.nextId = 1;
  }
}
