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

/** What a client says of a device it asks to trust (all but the fingerprint may be empty). */
export interface DeviceInfo {
  fingerprint: string;
  operatingSystem?: string;
  browser?: string;
  name?: string;
}

/** A device that skips the second factor until `until`. */
export interface TrustedDevice extends Required<DeviceInfo> {
  id: number;
  userId: number;
  trustedAt: number;
  until: number;
}

/** Trusted devices one user keeps at most: trusting one more forgets the oldest. */
export const MAX_TRUSTED_DEVICES = 100;

/**
 * MFA keys and trusted devices of one vendor's users. A user has at most one
 * pending and one active key; the active key's secret is also on the user
 * (`mfaSecret`), which is what login checks.
 */
class MfaRegistry {
  private readonly keys = new Map<number, MfaKey>();
  /** `${userId}:${fingerprint}` → the device, in the order they were trusted. */
  private readonly trusted = new Map<string, TrustedDevice>();
  private nextId = 1;
  private nextDeviceId = 1;

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

  /** Trusting a device again renews it under a new id (the list shows the latest trust). */
  trust(userId: number, info: DeviceInfo, now: number, until: number): TrustedDevice {
    const key = `${userId}:${info.fingerprint}`;
    this.trusted.delete(key);
    const own = this.devices(userId, now);
    for (const old of own.slice(0, Math.max(0, own.length - MAX_TRUSTED_DEVICES + 1))) this.trusted.delete(`${userId}:${old.fingerprint}`);
    const device: TrustedDevice = {
      id: this.nextDeviceId++,
      userId,
      fingerprint: info.fingerprint,
      operatingSystem: info.operatingSystem ?? '',
      browser: info.browser ?? '',
      name: info.name ?? '',
      trustedAt: now,
      until,
    };
    this.trusted.set(key, device);
    return device;
  }

  isTrusted(userId: number, fingerprint: string, now: number): boolean {
    return (this.trusted.get(`${userId}:${fingerprint}`)?.until ?? 0) > now;
  }

  /** A user's devices still trusted, oldest first; expired ones are forgotten on the way. */
  devices(userId: number, now: number): TrustedDevice[] {
    const out: TrustedDevice[] = [];
    for (const [key, d] of this.trusted) {
      if (d.userId !== userId) continue;
      if (d.until <= now) this.trusted.delete(key);
      else out.push(d);
    }
    return out;
  }

  forgetDevice(userId: number, deviceId: number): boolean {
    for (const [key, d] of this.trusted) {
      if (d.userId === userId && d.id === deviceId) return this.trusted.delete(key);
    }
    return false;
  }

  forgetDevices(userId: number): void {
    for (const [key, d] of this.trusted) if (d.userId === userId) this.trusted.delete(key);
  }

  forgetUser(userId: number): void {
    for (const k of this.ofUser(userId)) this.keys.delete(k.id);
    this.forgetDevices(userId);
  }

  static verify(secret: string, code: string, now: number): boolean {
    return /^\d{6}$/.test(code) && verifyTotp(secret, code, now);
  }

  clear(): void {
    this.keys.clear();
    this.trusted.clear();
    this.nextId = 1;
    this.nextDeviceId = 1;
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

  /** Trusts a device (a fingerprint, or what the client says of it) for `forMs`. */
  trustDevice(user: User, device: string | DeviceInfo, forMs: number): TrustedDevice {
    const info = typeof device === 'string' ? { fingerprint: device } : device;
    return this.registry.trust(user.id, info, this.now(), this.now() + forMs);
  }

  /** The user's devices still trusted, oldest first. */
  trustedDevices(user: User): TrustedDevice[] {
    return this.registry.devices(user.id, this.now());
  }

  /** Forgets one trusted device of the user; throws DEVICE_NOT_FOUND when the user has none with that id. */
  forgetTrustedDevice(user: User, deviceId: number): void {
    if (!this.registry.forgetDevice(user.id, deviceId)) throw new DomainError('DEVICE_NOT_FOUND', 'No such trusted device for this user');
  }

  /** Forgets the keys and devices of a user who is gone. */
  forgetUser(userId: number): void {
    this.registry.forgetUser(userId);
  }

  isTrustedDevice(user: User, fingerprint: string): boolean {
    return this.registry.isTrusted(user.id, fingerprint, this.now());
  }

  /** Forgets keys and trusted devices (on reset and when a saved state replaces the users). */
  reset(): void {
    this.registry.clear();
  }
}
