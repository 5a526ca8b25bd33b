import type { VendorId } from '../generated/vendors';
import { AppTokens } from './app-tokens';
import type { Clock } from './clock';
import type { CodeKind, CodeStore } from './code-store';
import { DomainError } from './errors';
import type { LimiterRegistry } from './limiters';
import type { Mailer, MailMessage, MailRecipient, MailTemplate } from './mailbox';
import { MultiFactor } from './mfa';
import type { PasswordHasher } from './password-hasher';
import { randomHex, type RandomSource } from './random';
import type { RateLimit } from './rate-limiter';
import type { User, UserStatus, UserStore } from './user-store';

/**
 * What a vendor's e-mail of each kind says, by the kinds its spec declares in
 * `x-authmock-vendor.mailKinds`: only the kinds it sends. `mfa-code` is the
 * one-time password a vendor may mail at login.
 */
export type MailTemplates = Readonly<Record<CodeKind, MailTemplate>>;

export interface AccountPolicy {
  /** Whether a user whose activation is pending may log in. */
  pendingMayLogin: boolean;
  /** The shortest password the vendor accepts; 0: it states no minimum. */
  minPasswordLength: number;
  /** What is stored and compared for a password (e.g. a digest the vendor's clients send). Default: the password. */
  storedSecret?(password: string): string;
  /** The username of a new user when none is given. Default: none. */
  usernameFor?(email: string): string | null;
  /** Why a username breaks the vendor's rule; undefined when it keeps it. Default: any username. */
  usernameProblem?(username: string): string | undefined;
  /** Consecutive failures before a lock-out, and its length; absent: never locked. */
  lockout?: { maxFailures: number; lockMs: number };
  /** How often one address may be sent a new activation mail; absent: no limit. */
  activationResendLimit?: RateLimit;
  /** How long a code of each kind the vendor mails stays valid. */
  codeTtlMs: Readonly<Record<CodeKind, number>>;
  /** Bytes of randomness in a code (hex-encoded, so twice as many characters). */
  codeBytes: number;
}

export interface AccountDeps {
  users: UserStore;
  codes: CodeStore;
  mailer: Mailer;
  clock: Clock;
  random: RandomSource;
  hasher: PasswordHasher;
  /** Where rate limiters are created, so their windows are part of the saved state. */
  limiters?: LimiterRegistry;
}

export interface Registration {
  email: string;
  username?: string | null;
  name?: string;
  /** The plain password; the policy decides what is stored. */
  password?: string | null;
  status: UserStatus;
  mfaSecret?: string | null;
  /** The stored hash of `password`, made before by `hashPassword` (fixtures share one per password); hashed here when absent. */
  passwordHash?: string;
  /** Use this activation code instead of a random one (fixtures). */
  activationCode?: string;
  /** A pending user normally gets an activation mail at once; a user created by a third party does not. */
  withoutActivationMail?: boolean;
}

/**
 * The core of one vendor's user base: the store, passwords, codes and
 * statuses, login and the operator's changes. The flows a vendor composes
 * (domain/flows/) build on it. Knows nothing of HTTP or of any vendor's
 * envelope; refuses with DomainError codes.
 */
export class Accounts {
  /** TOTP keys, one-time passwords and trusted devices of this user base. */
  readonly mfa: MultiFactor;
  /** Application tokens of this user base (for a vendor whose machines log in with one). */
  readonly appTokens: AppTokens;

  constructor(
    readonly vendor: VendorId,
    /** Shared with the flows that compose these accounts. */
    readonly deps: AccountDeps,
    readonly policy: AccountPolicy,
    private readonly templates: MailTemplates,
  ) {
    this.mfa = new MultiFactor(vendor, deps, templates['mfa-code']);
    this.appTokens = new AppTokens(deps);
    for (const kind of Object.keys(policy.codeTtlMs)) {
      if (!templates[kind]) throw new Error(`${vendor}: a lifetime is set for '${kind}' codes, but there is no '${kind}' mail template`);
    }
  }

  now(): number {
    return this.deps.clock.now();
  }

  /** Whether the vendor mails codes of this kind (a flow that needs one checks this when it is composed). */
  sends(kind: CodeKind): boolean {
    return this.templates[kind] !== undefined && this.policy.codeTtlMs[kind] !== undefined;
  }

  find(identifier: string): User | undefined {
    return this.deps.users.byLogin(this.vendor, identifier);
  }

  byEmail(email: string): User | undefined {
    return this.deps.users.byEmail(this.vendor, email);
  }

  byId(id: number): User | undefined {
    const u = this.deps.users.byId(id);
    return u && u.vendor === this.vendor ? u : undefined;
  }

  register(input: Registration): { user: User; mail?: MailMessage } {
    const { users } = this.deps;
    // undefined: the vendor's default; null: none yet (a third party's user picks one on activation).
    const username = input.username === undefined ? (this.policy.usernameFor?.(input.email) ?? null) : input.username;
    if (users.byEmail(this.vendor, input.email)) throw new DomainError('EMAIL_TAKEN', `A ${this.vendor} user with e-mail ${input.email} already exists`, { field: 'email' });
    if (username !== null) this.checkUsername(username);
    if (username && users.byUsername(this.vendor, username)) {
      throw new DomainError('USERNAME_TAKEN', `A ${this.vendor} user with username ${username} already exists`, { field: 'username' });
    }
    // An active or suspended user could never log in without one.
    if (input.status !== 'pending' && !input.password) throw new DomainError('INVALID_INPUT', `password is required for a user whose status is ${input.status}`, { field: 'password' });
    if (input.password) this.checkPasswordRule(input.password);
    const user = users.insert(
      {
        vendor: this.vendor,
        email: input.email,
        username,
        name: input.name,
        status: input.status,
        passwordHash: input.password ? (input.passwordHash ?? this.hashPassword(input.password)) : null,
        mfaSecret: input.mfaSecret ?? null,
      },
      this.now(),
    );
    const mail = user.status === 'pending' && !input.withoutActivationMail && this.sends('activation') ? this.sendCode(user, 'activation', input.activationCode) : undefined;
    return { user, mail };
  }

  /**
   * Checks credentials, status and, for an MFA user, the TOTP token.
   * `credential` is what the client sends (a digest, for some vendors), compared with what is stored.
   */
  login(identifier: string, credential: string, totpToken?: string): User {
    const user = this.checkCredentials(identifier, credential);
    if (user.mfaSecret) {
      if (!totpToken) throw new DomainError('TOTP_REQUIRED', 'A TOTP token is required for this account');
      this.mfa.verify(user, totpToken);
    }
    return user;
  }

  /** Password, lock-out and status, without the second factor (for a vendor that asks for it in a second call). */
  checkCredentials(identifier: string, credential: string): User {
    const user = this.find(identifier);
    const now = this.now();
    if (user && this.policy.lockout && user.lockedUntil > now) {
      throw new DomainError('ACCOUNT_LOCKED', 'Too many failed attempts; the account is locked', { retryAfterMs: user.lockedUntil - now });
    }
    if (!user || !this.deps.hasher.verify(credential, user.passwordHash)) {
      if (user) this.recordFailure(user, now);
      throw new DomainError('INVALID_CREDENTIALS', 'Username or password incorrect');
    }
    if (user.status === 'suspended') throw new DomainError('ACCOUNT_SUSPENDED', 'This account is suspended');
    if (user.status === 'pending' && !this.policy.pendingMayLogin) throw new DomainError('ACCOUNT_PENDING', 'This account has not been activated');
    user.failedLogins = 0;
    return user;
  }

  private recordFailure(user: User, now: number): void {
    const lockout = this.policy.lockout;
    if (!lockout) return;
    user.failedLogins++;
    if (user.failedLogins >= lockout.maxFailures) {
      user.lockedUntil = now + lockout.lockMs;
      user.failedLogins = 0;
    }
  }

  changePassword(user: User, oldPassword: string, newPassword: string): User {
    if (!this.passwordMatches(user, oldPassword)) {
      throw new DomainError('WRONG_OLD_PASSWORD', `Wrong Password for User '${user.username ?? user.email}'`, { username: user.username ?? user.email });
    }
    this.checkPasswordRule(newPassword);
    this.setPassword(user, newPassword);
    return user;
  }

  /** Whether a plain password is the user's (for operations that ask for it again). */
  passwordMatches(user: User, password: string): boolean {
    return this.deps.hasher.verify(this.storedSecret(password), user.passwordHash);
  }

  /** An operator sets the password: the vendor's rules apply (length, what is stored), no old password is asked, a lock-out ends. */
  assignPassword(user: User, password: string): User {
    this.checkPasswordRule(password);
    this.setPassword(user, password);
    user.failedLogins = 0;
    user.lockedUntil = 0;
    return user;
  }

  /** An operator moves the account: activating voids the outstanding activation code; no mail either way. */
  setStatus(user: User, status: UserStatus): User {
    if (status === user.status) return user;
    if (status !== 'pending' && !user.passwordHash) throw new DomainError('INVALID_INPUT', `The user has no password, so it cannot be ${status}; set one first`, { field: 'status' });
    if (status === 'active') return this.markActive(user);
    user.status = status;
    user.updatedAt = this.now();
    this.deps.users.changed(user);
    return user;
  }

  /** Removes the account and voids its codes, MFA keys, trusted devices and application tokens; mail already captured stays. */
  remove(user: User): void {
    this.deps.codes.voidAll(user.id);
    this.mfa.forgetUser(user.id);
    this.appTokens.forgetUser(user.id);
    this.deps.users.remove(user.id);
  }

  /**
   * Suspends an account whatever its status, even one that never set a
   * password (a vendor may suspend a user whose activation is pending).
   */
  suspend(user: User): User {
    user.status = 'suspended';
    user.updatedAt = this.now();
    this.deps.users.changed(user);
    return user;
  }

  /**
   * A new e-mail address that is also the login (a vendor whose username is
   * the address): the account is pending again, and an activation mail goes
   * to the new address when the vendor sends one.
   */
  changeLoginAddress(user: User, email: string): { user: User; mail?: MailMessage } {
    const { users } = this.deps;
    const other = users.byEmail(this.vendor, email) ?? users.byUsername(this.vendor, email);
    if (other && other.id !== user.id) throw new DomainError('EMAIL_TAKEN', `A ${this.vendor} user with e-mail ${email} already exists`, { field: 'username' });
    this.checkUsername(email);
    users.setEmail(user, email, this.now());
    users.setUsername(user, email, this.now());
    user.status = 'pending';
    user.activatedAt = null;
    this.deps.users.changed(user);
    return { user, mail: this.sends('activation') ? this.sendCode(user, 'activation') : undefined };
  }

  // What the flows build on.

  checkPasswordRule(password: string): void {
    if (password.length < this.policy.minPasswordLength) {
      throw new DomainError('WEAK_PASSWORD', `The password must have at least ${this.policy.minPasswordLength} characters`, { field: 'password', minLength: this.policy.minPasswordLength });
    }
  }

  checkUsername(username: string): void {
    const problem = this.policy.usernameProblem?.(username);
    if (problem) throw new DomainError('INVALID_USERNAME', problem, { field: 'username' });
  }

  hashPassword(password: string): string {
    return this.deps.hasher.hash(this.storedSecret(password));
  }

  private storedSecret(password: string): string {
    return this.policy.storedSecret ? this.policy.storedSecret(password) : password;
  }

  setPassword(user: User, password: string): void {
    user.passwordHash = this.hashPassword(password);
    user.passwordVersion++;
    user.updatedAt = this.now();
    this.deps.users.changed(user);
  }

  markActive(user: User): User {
    const now = this.now();
    user.status = 'active';
    user.activatedAt = now;
    user.updatedAt = now;
    this.deps.codes.voidCode('activation', user.id);
    this.deps.users.changed(user);
    return user;
  }

  /** Mails a new code of a kind; the user's previous one of that kind stops working. `to`: another address (an approver's), the code still the user's. */
  sendCode(user: User, kind: CodeKind, fixed?: string, to: string = user.email): MailMessage {
    const ttl = this.policy.codeTtlMs[kind];
    if (!this.templates[kind] || ttl === undefined) throw new Error(`${this.vendor} sends no '${kind}' mail (no template or no code lifetime)`);
    const code = fixed ?? this.newCode();
    this.deps.codes.issue(kind, user.id, code, this.now() + ttl);
    return this.mailCode(kind, { ...user, email: to }, code);
  }

  /** A fresh random code of the vendor's length. */
  newCode = (): string => randomHex(this.deps.random, this.policy.codeBytes);

  /** Mails a code that the caller keeps itself (one for an address rather than a user), in the vendor's template of that kind. */
  mailCode(kind: CodeKind, recipient: MailRecipient, code: string): MailMessage {
    const template = this.templates[kind];
    if (!template) throw new Error(`${this.vendor} sends no '${kind}' mail (no template)`);
    const { subject, text } = template(recipient, code);
    return this.deps.mailer.send({ vendor: this.vendor, kind, to: recipient.email, subject, text, code }, this.now());
  }

  /** The user of this vendor a valid code of a kind was mailed to; the code stays usable. */
  codeOwner(kind: CodeKind, code: string, userId?: number): User {
    return this.owner(this.deps.codes.check(kind, code, this.now(), userId));
  }

  /** Uses up a code of a kind; throws CODE_INVALID or CODE_EXPIRED. */
  consumeCode(kind: CodeKind, code: string, userId: number): void {
    this.deps.codes.consume(kind, code, this.now(), userId);
  }

  /**
   * The user of this vendor a code belongs to. The code store is shared by the
   * vendors of a world, so a code mailed by another vendor is simply not valid
   * here; a code whose user is gone altogether would be the mock's own bug.
   */
  private owner(userId: number): User {
    const user = this.byId(userId);
    if (user) return user;
    if (this.deps.users.byId(userId)) throw new DomainError('CODE_INVALID', 'The code is not valid');
    throw new Error(`A ${this.vendor} code names user ${userId}, who does not exist`);
  }
}
