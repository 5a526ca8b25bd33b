import { sha256Hex } from './digests';
import { DomainError } from './errors';

/**
 * A code's kind, which is also the kind of the mail that carries it: `activation`
 * and `password-reset`, or any a vendor adds (its spec's `x-authmock-vendor.mailKinds`).
 */
export type CodeKind = string;

export interface CodeRecord {
  kind: CodeKind;
  userId: number;
  digest: string;
  expiresAt: number;
}

const digest = sha256Hex;

/**
 * Single-use, expiring codes. Codes are kept by their SHA-256 digest, so the
 * look-up compares digests, never the code itself: its timing says nothing
 * about how much of a guessed code was right. Issuing a code of a kind voids
 * the user's previous one of that kind.
 */
export class CodeStore {
  private readonly byDigest = new Map<string, CodeRecord>();
  private readonly byUser = new Map<string, CodeRecord>();

  issue(kind: CodeKind, userId: number, code: string, expiresAt: number): void {
    const userKey = `${kind}:${userId}`;
    const previous = this.byUser.get(userKey);
    if (previous) this.byDigest.delete(`${kind}:${previous.digest}`);
    const record: CodeRecord = { kind, userId, digest: digest(code), expiresAt };
    this.byUser.set(userKey, record);
    this.byDigest.set(`${kind}:${record.digest}`, record);
  }

  /** The user a valid code belongs to; throws CODE_INVALID or CODE_EXPIRED. */
  check(kind: CodeKind, code: string, now: number, userId?: number): number {
    const record = this.byDigest.get(`${kind}:${digest(code)}`);
    if (!record) throw new DomainError('CODE_INVALID', 'The code is not valid');
    if (userId !== undefined && record.userId !== userId) throw new DomainError('CODE_INVALID', 'The code is not valid');
    // The owner is named so that a vendor can send a fresh code (one may, for an expired sign-up code).
    if (record.expiresAt <= now) throw new DomainError('CODE_EXPIRED', 'The code has expired', { userId: record.userId });
    return record.userId;
  }

  /** Checks and removes the code in one synchronous step, so two uses can never both succeed. */
  consume(kind: CodeKind, code: string, now: number, userId?: number): number {
    const owner = this.check(kind, code, now, userId);
    this.voidCode(kind, owner);
    return owner;
  }

  voidCode(kind: CodeKind, userId: number): void {
    const userKey = `${kind}:${userId}`;
    const record = this.byUser.get(userKey);
    if (!record) return;
    this.byUser.delete(userKey);
    this.byDigest.delete(`${kind}:${record.digest}`);
  }

  /** Voids every code of a user, whatever its kind (the account is gone). */
  voidAll(userId: number): void {
    for (const record of [...this.byUser.values()]) if (record.userId === userId) this.voidCode(record.kind, userId);
  }

  clear(): void {
    this.byDigest.clear();
    this.byUser.clear();
  }

  /** Outstanding codes as digests (a code itself is never kept), for a state document. */
  snapshot(): CodeRecord[] {
    return [...this.byUser.values()].map((r) => ({ ...r }));
  }

  restore(records: readonly CodeRecord[]): void {
    this.clear();
    for (const r of records) {
      const record = { ...r };
      this.byUser.set(`${r.kind}:${r.userId}`, record);
      this.byDigest.set(`${r.kind}:${r.digest}`, record);
    }
  }
}
