import type { Clock } from './clock';
import { DomainError } from './errors';
import type { Mailer, MailMessage, MailTemplate } from './mailbox';
import { randomBase32, type RandomSource } from './random';
import { currentTotp, verifyTotp } from './totp';
import type { User } from './user-store';
import type { VendorId } from '../generated/vendors';

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
class MfaRegistry {
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

/**
 * Multi-factor authentication of one vendor's users: TOTP keys created pending
 * and activated with a code from them, one-time passwords by e-mail,
 * and trusted devices.
 */
export class MultiFactor {
  private readonly registry = new MfaRegistry();

  constructor(
    private readonly vendor: VendorId,
    private readonly deps: { clock: Clock; random: RandomSource; mailer: Mailer },
    private readonly mailTemplate?: MailTemplate,
  ) {}

  private now(): number {
    return this.deps.clock.now();
  }

  /** Checks a code of the user's active key (a login's TOTP token, or a second call's code). */
  verify(user: User, code: string): void {
    if (!user.mfaSecret || !MfaRegistry.verify(user.mfaSecret, code, this.now())) throw new DomainError('TOTP_INVALID', 'The TOTP token is not valid');
  }

  /** Mails the current code of the user's key, for a vendor that sends one-time passwords by e-mail. */
  mailOneTimePassword(user: User): MailMessage {
    if (!this.mailTemplate || !user.mfaSecret) throw new Error(`${this.vendor} mails no one-time passwords for this user`);
    const code = currentTotp(user.mfaSecret, this.now());
    const { subject, text } = this.mailTemplate(user, code);
    return this.deps.mailer.send({ vendor: this.vendor, kind: 'mfa-code', to: user.email, subject, text, code }, this.now());
  }

  keys(user: User): MfaKey[] {
    const keys = this.registry.ofUser(user.id);
    // A user seeded or restored with a secret has an active key that no call created: record it on first sight.
    if (user.mfaSecret && !keys.some((k) => k.status === 'active')) keys.push(this.registry.create(user.id, user.mfaSecret, 'active', user.updatedAt));
    return keys;
  }

  /** A new pending key; refused while the user has an active one. */
  createKey(user: User): MfaKey {
    if (user.mfaSecret) throw new DomainError('MFA_ALREADY_CONFIGURED', 'Multi-factor authentication is already configured for this account');
    return this.registry.create(user.id, randomBase32(this.deps.random, 32), 'pending', this.now());
  }

  /** Activates the user's pending key (that key id, or the latest one) with a code it generates. */
  activateKey(user: User, code: string, keyId?: number): MfaKey {
    const key = keyId === undefined ? this.registry.ofUser(user.id).find((k) => k.status === 'pending') : this.registry.byId(keyId);
    if (!key || key.userId !== user.id) throw new DomainError('MFA_KEY_NOT_FOUND', 'No such MFA key for this user');
    if (key.status === 'active') throw new DomainError('MFA_KEY_ACTIVE', 'This MFA key is already active');
    if (user.mfaSecret) throw new DomainError('MFA_ALREADY_CONFIGURED', 'Multi-factor authentication is already configured for this account');
    if (!MfaRegistry.verify(key.secret, code, this.now())) throw new DomainError('TOTP_INVALID', 'The TOTP token is not valid');
    key.status = 'active';
    key.activatedAt = this.now();
    user.mfaSecret = key.secret;
    user.updatedAt = this.now();
    return key;
  }

  deleteKey(user: User, keyId: number): void {
    const key = this.keys(user).find((k) => k.id === keyId);
    if (!key) throw new DomainError('MFA_KEY_NOT_FOUND', 'No such MFA key for this user');
    this.registry.delete(keyId);
    if (key.status === 'active') this.off(user);
  }

  /** Turns MFA off after checking a code from the active key (a vendor's own `clear`). */
  turnOff(user: User, code: string): void {
    this.verify(user, code);
    for (const key of this.registry.ofUser(user.id)) this.registry.delete(key.id);
    this.off(user);
  }

  private off(user: User): void {
    user.mfaSecret = null;
    user.updatedAt = this.now();
    this.registry.forgetDevices(user.id);
  }

  trustDevice(user: User, fingerprint: string, forMs: number): void {
    this.registry.trust(user.id, fingerprint, this.now() + forMs);
  }

  isTrustedDevice(user: User, fingerprint: string): boolean {
    return this.registry.isTrusted(user.id, fingerprint, this.now());
  }

  /** Forgets keys and trusted devices (on reset and when a saved state replaces the users). */
  reset(): void {
    this.registry.clear();
  }
}
