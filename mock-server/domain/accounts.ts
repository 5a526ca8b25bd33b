import type { VendorId } from '../generated/vendors';
import type { Clock } from './clock';
import type { CodeKind, CodeStore } from './code-store';
import { DomainError } from './errors';
import type { Mailer, MailMessage, MailTemplate } from './mailbox';
import type { PasswordHasher } from './password-hasher';
import { randomHex, type RandomSource } from './random';
import type { LimiterRegistry } from './limiters';
import { MultiFactor } from './mfa';
import { RateLimiter, type RateLimit } from './rate-limiter';
import type { User, UserStatus, UserStore } from './user-store';

/** What a vendor's e-mail of each kind says; `mfa-code` only for a vendor that mails one-time passwords. */
export type MailTemplates = Partial<Record<CodeKind, MailTemplate>>;

export interface AccountPolicy {
  /** Whether a user whose activation is pending may log in (Edge Impulse: yes, EMnify: no). */
  pendingMayLogin: boolean;
  /** The shortest password the vendor accepts; 0: it states no minimum. */
  minPasswordLength: number;
  /** What is stored and compared for a password (EMnify: the SHA-1 hex digest its clients send). Default: the password. */
  storedSecret?(password: string): string;
  /** The username of a new user when none is given. Default: none. */
  usernameFor?(email: string): string | null;
  /** Why a username breaks the vendor's rule; undefined when it keeps it. Default: any username. */
  usernameProblem?(username: string): string | undefined;
  /** Consecutive failures before a lock-out, and its length; absent: never locked. */
  lockout?: { maxFailures: number; lockMs: number };
  /** How often one user may be sent a new activation mail; absent: no limit. */
  activationResendLimit?: RateLimit;
  codeTtlMs: Partial<Record<CodeKind, number>>;
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
  /** Where the account's rate limiters are created, so their windows are part of the saved state. */
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
  /** Use this activation code instead of a random one (fixtures). */
  activationCode?: string;
  /** A pending user normally gets an activation mail at once; a third-party sign-up does not. */
  withoutActivationMail?: boolean;
}

/**
 * The account rules of one vendor's user base: registration, login,
 * activation, reset and change of passwords. Knows nothing of HTTP or of any
 * vendor's envelope; refuses with DomainError codes.
 */
export class Accounts {
  private readonly resendLimiter?: RateLimiter;
  /** TOTP keys, one-time passwords and trusted devices of this user base. */
  readonly mfa: MultiFactor;

  constructor(
    readonly vendor: VendorId,
    private readonly deps: AccountDeps,
    private readonly policy: AccountPolicy,
    private readonly templates: MailTemplates,
  ) {
    const resend = policy.activationResendLimit;
    this.mfa = new MultiFactor(vendor, deps, templates['mfa-code']);
    if (resend) this.resendLimiter = deps.limiters?.create(`${vendor}.activationResend`, resend) ?? new RateLimiter(resend);
  }

  private now(): number {
    return this.deps.clock.now();
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
        passwordHash: input.password ? this.hashPassword(input.password) : null,
        mfaSecret: input.mfaSecret ?? null,
      },
      this.now(),
    );
    const mail = user.status === 'pending' && !input.withoutActivationMail ? this.sendCode(user, 'activation', input.activationCode) : undefined;
    return { user, mail };
  }

  /**
   * Many active users at once, for load tests: `${prefix}-${n}@${domain}`.
   * The password is hashed once and the hash shared, salt included: hashing a
   * million passwords would take minutes and prove nothing about the mock.
   */
  bulkRegister(input: { count: number; prefix: string; domain: string; password: string }): { first: string; last: string } {
    const { users } = this.deps;
    const email = (n: number): string => `${input.prefix}-${n}@${input.domain}`;
    const start = users.size + 1;
    for (const n of [start, start + input.count - 1]) {
      if (users.byEmail(this.vendor, email(n))) throw new DomainError('EMAIL_TAKEN', `A ${this.vendor} user with e-mail ${email(n)} already exists`, { field: 'prefix' });
    }
    const passwordHash = this.hashPassword(input.password);
    const now = this.now();
    for (let n = start; n < start + input.count; n++) {
      const address = email(n);
      users.insert({ vendor: this.vendor, email: address, username: this.policy.usernameFor?.(address) ?? null, status: 'active', passwordHash }, now);
    }
    return { first: email(start), last: email(start + input.count - 1) };
  }

  /** A third party created the user: pending, no password, reachable only through the code. */
  registerByThirdParty(email: string, name = '', code?: string): { user: User; code: string } {
    const { user } = this.register({ email, username: null, name, status: 'pending', withoutActivationMail: true });
    const mail = this.sendCode(user, 'third-party-activation', code);
    return { user, code: mail.code };
  }

  /**
   * Checks credentials, status and, for an MFA user, the TOTP token.
   * `credential` is what the client sends (EMnify: the digest), compared with what is stored.
   */
  login(identifier: string, credential: string, totpToken?: string): User {
    const user = this.checkCredentials(identifier, credential);
    if (user.mfaSecret) {
      if (!totpToken) throw new DomainError('TOTP_REQUIRED', 'A TOTP token is required for this account');
      this.mfa.verify(user, totpToken);
    }
    return user;
  }

  /** Password, lock-out and status, without the second factor (EMnify asks for it in a second call). */
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

  /** Sends a new activation code to a pending user; the previous one stops working. */
  requestActivation(user: User): MailMessage {
    if (user.status === 'active') throw new DomainError('ALREADY_ACTIVE', 'User is already activated');
    if (user.status === 'suspended') throw new DomainError('ACCOUNT_SUSPENDED', 'This account is suspended');
    return this.sendCode(user, 'activation');
  }

  /**
   * The public resend: silent (no mail, no error) for unknown, active and
   * suspended users, so that accounts cannot be discovered. The limit counts
   * per address whoever owns it, so its 429s reveal nothing either.
   */
  resendActivation(identifier: string): MailMessage | undefined {
    const wait = this.resendLimiter?.take(identifier.toLowerCase(), this.now()) ?? 0;
    if (wait > 0) throw new DomainError('RATE_LIMITED', 'An activation mail was sent recently; try again later', { retryAfterMs: wait });
    const user = this.find(identifier);
    if (!user || user.status !== 'pending') return undefined;
    return this.sendCode(user, 'activation');
  }

  /** Activates the logged-in user with the code from the activation mail. */
  activate(user: User, code: string): User {
    if (user.status === 'active') throw new DomainError('ALREADY_ACTIVE', 'User is already activated');
    this.deps.codes.consume('activation', code, this.now(), user.id);
    return this.markActive(user);
  }

  /** Activates the user the key was mailed to and sets the password (EMnify). */
  activateWithKey(key: string, password: string | undefined, name?: string): User {
    if (password !== undefined) this.checkPasswordRule(password);
    const user = this.owner(this.deps.codes.check('activation', key, this.now()));
    // An invited user without a password must choose one here; one who has a password may keep it.
    if (password === undefined && !user.passwordHash) throw new DomainError('INVALID_INPUT', 'password is required to activate this account', { field: 'password' });
    this.deps.codes.consume('activation', key, this.now(), user.id);
    if (password !== undefined) this.setPassword(user, password);
    if (name !== undefined) user.name = name;
    return this.markActive(user);
  }

  /** The pending user an activation (sign-up) code was mailed to; the code stays usable. */
  userByActivationCode(code: string): User {
    return this.owner(this.deps.codes.check('activation', code, this.now()));
  }

  userByThirdPartyCode(code: string): User {
    return this.owner(this.deps.codes.check('third-party-activation', code, this.now()));
  }

  activateByThirdPartyCode(code: string, input: { username: string; password: string; name?: string }): User {
    this.checkPasswordRule(input.password);
    this.checkUsername(input.username);
    const user = this.owner(this.deps.codes.check('third-party-activation', code, this.now()));
    const taken = this.deps.users.byUsername(this.vendor, input.username);
    if (taken && taken.id !== user.id) throw new DomainError('USERNAME_TAKEN', 'Username is already in use', { field: 'username' });
    this.deps.codes.consume('third-party-activation', code, this.now(), user.id);
    this.deps.users.setUsername(user, input.username, this.now());
    if (input.name !== undefined) user.name = input.name;
    this.setPassword(user, input.password);
    return this.markActive(user);
  }

  /** Mails a reset code when the account exists; says nothing either way. */
  requestPasswordReset(email: string): MailMessage | undefined {
    const user = this.byEmail(email);
    if (!user || user.status === 'suspended') return undefined;
    return this.sendCode(user, 'password-reset');
  }

  verifyResetCode(email: string, code: string): User {
    const user = this.byEmail(email);
    if (!user) throw new DomainError('CODE_INVALID', 'The code is not valid');
    this.deps.codes.check('password-reset', code, this.now(), user.id);
    return user;
  }

  resetPassword(email: string, code: string, password: string): User {
    this.checkPasswordRule(password);
    const user = this.byEmail(email);
    if (!user) throw new DomainError('CODE_INVALID', 'The code is not valid');
    this.deps.codes.consume('password-reset', code, this.now(), user.id);
    this.setPassword(user, password);
    // Proving control of the mailbox also proves the address: a pending user is activated.
    if (user.status === 'pending') this.markActive(user);
    user.lockedUntil = 0;
    return user;
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

  private checkPasswordRule(password: string): void {
    if (password.length < this.policy.minPasswordLength) {
      throw new DomainError('WEAK_PASSWORD', `The password must have at least ${this.policy.minPasswordLength} characters`, { field: 'password', minLength: this.policy.minPasswordLength });
    }
  }

  private checkUsername(username: string): void {
    const problem = this.policy.usernameProblem?.(username);
    if (problem) throw new DomainError('INVALID_USERNAME', problem, { field: 'username' });
  }

  private storedSecret(password: string): string {
    return this.policy.storedSecret ? this.policy.storedSecret(password) : password;
  }

  private hashPassword(password: string): string {
    return this.deps.hasher.hash(this.storedSecret(password));
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

  private setPassword(user: User, password: string): void {
    user.passwordHash = this.hashPassword(password);
    user.passwordVersion++;
    user.updatedAt = this.now();
    this.deps.users.changed(user);
  }

  private markActive(user: User): User {
    const now = this.now();
    user.status = 'active';
    user.activatedAt = now;
    user.updatedAt = now;
    this.deps.codes.voidCode('activation', user.id);
    this.deps.users.changed(user);
    return user;
  }

  private sendCode(user: User, kind: CodeKind, fixed?: string): MailMessage {
    const now = this.now();
    const code = fixed ?? randomHex(this.deps.random, this.policy.codeBytes);
    const template = this.templates[kind];
    const ttl = this.policy.codeTtlMs[kind];
    if (!template || ttl === undefined) throw new Error(`${this.vendor} sends no ${kind} mail`);
    this.deps.codes.issue(kind, user.id, code, now + ttl);
    const { subject, text } = template(user, code);
    return this.deps.mailer.send({ vendor: this.vendor, kind, to: user.email, subject, text, code }, now);
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

  /** Removes the account and voids its codes; mail already captured stays. */
  remove(user: User): void {
    for (const kind of ['activation', 'password-reset', 'third-party-activation'] as const) this.deps.codes.voidCode(kind, user.id);
    this.deps.users.remove(user.id);
  }
}
