import { sha256Hex } from './digests';
import type { Accounts } from './accounts';
import type { CodeKind } from './code-store';
import { DomainError } from './errors';

export interface AddressVerification {
  id: number;
  email: string;
  redirectUrl: string;
  createdAt: number;
  expiresAt: number;
  verifiedAt: number | null;
}

interface Entry extends AddressVerification {
  /** The code's SHA-256; the code itself is only in the mail. Null once used. */
  digest: string | null;
}

const digest = sha256Hex;

/**
 * Verification of an e-mail address that need not belong to an account: a
 * request mails a code and gets an id; the code, handed in once before it
 * expires, marks the request verified. At most `capacity` requests are kept
 * (the oldest goes first), so an open endpoint cannot grow it without bound.
 * A new request for the same address voids that address's unused code.
 */
export class AddressVerifications {
  private readonly byId = new Map<number, Entry>();
  private readonly byDigest = new Map<string, Entry>();
  /** The request whose code is outstanding, by lower-cased address. */
  private readonly outstanding = new Map<string, Entry>();
  /** Lower-cased addresses verified, oldest first; as bounded as the requests. */
  private readonly verifiedAddresses = new Set<string>();
  private nextId = 1;

  constructor(
    private readonly accounts: Accounts,
    private readonly kind: CodeKind,
    private readonly capacity = 10_000,
  ) {
    if (!accounts.sends(kind)) throw new Error(`${accounts.vendor} verifies addresses with '${kind}' codes but has no template or lifetime for them`);
  }

  request(email: string, redirectUrl: string): AddressVerification {
    const now = this.accounts.now();
    const previous = this.outstanding.get(email.toLowerCase());
    if (previous) this.useUp(previous);
    const code = this.accounts.newCode();
    const entry: Entry = { id: this.nextId++, email, redirectUrl, createdAt: now, expiresAt: now + this.accounts.policy.codeTtlMs[this.kind], verifiedAt: null, digest: digest(code) };
    this.byId.set(entry.id, entry);
    this.byDigest.set(entry.digest!, entry);
    this.outstanding.set(email.toLowerCase(), entry);
    if (this.byId.size > this.capacity) this.drop(this.byId.values().next().value!);
    const user = this.accounts.byEmail(email);
    this.accounts.mailCode(this.kind, user ?? { email, name: '', username: null }, code);
    return { ...entry };
  }

  /** Uses the code up and marks its request verified; CODE_INVALID or CODE_EXPIRED otherwise. */
  verify(code: string): AddressVerification {
    const entry = this.byDigest.get(digest(code));
    if (!entry) throw new DomainError('CODE_INVALID', 'The code is not valid');
    const now = this.accounts.now();
    if (entry.expiresAt <= now) throw new DomainError('CODE_EXPIRED', 'The code has expired');
    this.useUp(entry);
    entry.verifiedAt = now;
    const address = entry.email.toLowerCase();
    this.verifiedAddresses.delete(address);
    this.verifiedAddresses.add(address);
    if (this.verifiedAddresses.size > this.capacity) this.verifiedAddresses.delete(this.verifiedAddresses.values().next().value!);
    return { ...entry };
  }

  status(id: number): AddressVerification | undefined {
    const entry = this.byId.get(id);
    return entry && { ...entry };
  }

  /** Whether a code sent to the address was ever handed in (kept after its request is dropped). */
  isVerified(email: string): boolean {
    return this.verifiedAddresses.has(email.toLowerCase());
  }

  private useUp(entry: Entry): void {
    if (entry.digest) this.byDigest.delete(entry.digest);
    entry.digest = null;
    const address = entry.email.toLowerCase();
    if (this.outstanding.get(address) === entry) this.outstanding.delete(address);
  }

  private drop(entry: Entry): void {
    this.useUp(entry);
    this.byId.delete(entry.id);
  }
}
