import { verifyTotp } from './totp';

export type MfaKeyStatus = 'pending' | 'active';

/** A TOTP key of one user: created pending, active once a code from it was shown. */
export interface MfaKey {
  id: number;
  userId: number;
  /** Base32, as authenticator apps take it. */
  secret: string;
  status: MfaKeyStatus;
  createdAt: number;
  activatedAt: number | null;
}

/**
 * MFA keys and trusted devices of one vendor's users. A user has at most one
 * pending and one active key; the active key's secret is also on the user
 * (`mfaSecret`), which is what login checks.
 */
export class MfaRegistry {
  private readonly keys = new Map<number, MfaKey>();
  /** `${userId}:${fingerprint}` → trusted until. */
  private readonly trusted = new Map<string, number>();
  private nextId = 1;

  create(userId: number, secret: string, status: MfaKeyStatus, now: number): MfaKey {
    // A new pending key replaces an older pending one: only the latest QR code works.
    if (status === 'pending') for (const k of this.ofUser(userId)) if (k.status === 'pending') this.keys.delete(k.id);
    const key: MfaKey = { id: this.nextId++, userId, secret, status, createdAt: now, activatedAt: status === 'active' ? now : null };
    this.keys.set(key.id, key);
    return key;
  }

  byId(id: number): MfaKey | undefined {
    return this.keys.get(id);
  }

  ofUser(userId: number): MfaKey[] {
    return [...this.keys.values()].filter((k) => k.userId === userId);
  }

  delete(id: number): void {
    this.keys.delete(id);
  }

  trust(userId: number, fingerprint: string, until: number): void {
    this.trusted.set(`${userId}:${fingerprint}`, until);
  }

  isTrusted(userId: number, fingerprint: string, now: number): boolean {
    return (this.trusted.get(`${userId}:${fingerprint}`) ?? 0) > now;
  }

  forgetDevices(userId: number): void {
    for (const k of this.trusted.keys()) if (k.startsWith(`${userId}:`)) this.trusted.delete(k);
  }

  static verify(secret: string, code: string, now: number): boolean {
    return /^\d{6}$/.test(code) && verifyTotp(secret, code, now);
  }

  clear(): void {
    this.keys.clear();
    this.trusted.clear();
    this.nextId = 1;
  }
}
