import { Accounts } from './accounts';
import { AddressVerifications } from './address-verifications';
import { ManualClock } from './clock';
import { CodeStore } from './code-store';
import { Mailbox } from './mailbox';
import { CHEAP_HASH_COST, PasswordHasher } from './password-hasher';
import { seededRandom } from './random';
import { UserStore } from './user-store';

const TTL = 60_000;

function setUp(capacity?: number) {
  const clock = new ManualClock();
  const random = seededRandom('address-verifications');
  const mailbox = new Mailbox(100);
  const deps = { users: new UserStore(), codes: new CodeStore(), mailer: mailbox, clock, random, hasher: new PasswordHasher(random, CHEAP_HASH_COST) };
  const template = (r: { email: string }, code: string) => ({ subject: 'Verify', text: `${r.email}: ${code}` });
  const accounts = new Accounts('edge-impulse', deps, { pendingMayLogin: true, minPasswordLength: 8, codeBytes: 5, codeTtlMs: { verify: TTL } }, { verify: template });
  const verifications = new AddressVerifications(accounts, 'verify', capacity);
  const codeFor = (to: string) => mailbox.list({ to })[0].code;
  return { clock, accounts, verifications, codeFor };
}

describe('AddressVerifications', () => {
  test('a mailed code verifies its request once, and the address stays verified in any case', () => {
    const { verifications, codeFor } = setUp();
    const { id } = verifications.request('Ann@Example.com', 'https://back.example');
    const code = codeFor('ann@example.com');
    expect(verifications.verify(code)).toMatchObject({ id, email: 'Ann@Example.com', redirectUrl: 'https://back.example', verifiedAt: expect.any(Number) });
    expect(verifications.status(id)?.verifiedAt).not.toBeNull();
    expect(verifications.isVerified('ann@example.com')).toBe(true);
    expect(() => verifications.verify(code)).toThrow(expect.objectContaining({ code: 'CODE_INVALID' }));
  });

  test('a new request voids the unused code of the same address, not of another', () => {
    const { verifications, codeFor } = setUp();
    verifications.request('a@example.com', 'r');
    const first = codeFor('a@example.com');
    verifications.request('b@example.com', 'r');
    const other = codeFor('b@example.com');
    verifications.request('A@example.com', 'r');
    expect(() => verifications.verify(first)).toThrow(expect.objectContaining({ code: 'CODE_INVALID' }));
    expect(verifications.verify(other).email).toBe('b@example.com');
  });

  test('a code expires with the kind lifetime of the policy', () => {
    const { clock, verifications, codeFor } = setUp();
    verifications.request('a@example.com', 'r');
    clock.advance(TTL);
    expect(() => verifications.verify(codeFor('a@example.com'))).toThrow(expect.objectContaining({ code: 'CODE_EXPIRED' }));
  });

  test('keeps at most its capacity of requests, dropping the oldest with its code', () => {
    const { verifications, codeFor } = setUp(2);
    const oldest = verifications.request('a@example.com', 'r');
    const oldestCode = codeFor('a@example.com');
    verifications.request('b@example.com', 'r');
    verifications.request('c@example.com', 'r');
    expect(verifications.status(oldest.id)).toBeUndefined();
    expect(() => verifications.verify(oldestCode)).toThrow(expect.objectContaining({ code: 'CODE_INVALID' }));
  });

  test('refuses a kind the vendor has no template or lifetime for, when it is built', () => {
    const { accounts } = setUp();
    expect(() => new AddressVerifications(accounts, 'unknown-kind')).toThrow(/unknown-kind/);
  });
});
