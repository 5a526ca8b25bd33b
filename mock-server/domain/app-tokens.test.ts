import { ManualClock } from './clock';
import { AppTokens, MAX_APP_TOKENS } from './app-tokens';
import { seededRandom } from './random';
import type { User } from './user-store';

const user = (id: number) => ({ id }) as User;

describe('AppTokens', () => {
  test('a token redeems until it is revoked or expires, and a string never seen does not', () => {
    const clock = new ManualClock();
    const tokens = new AppTokens({ clock, random: seededRandom('app-tokens') });
    const forever = tokens.create(user(1), { description: 'forever' });
    const brief = tokens.create(user(1), { expiresAt: clock.now() + 1000 });
    expect(tokens.redeem(forever.secret).creatorId).toBe(1);
    clock.advance(1000);
    expect(() => tokens.redeem(brief.secret)).toThrow(expect.objectContaining({ code: 'INVALID_CREDENTIALS' }));
    tokens.revoke(forever.token.id);
    expect(() => tokens.redeem(forever.secret)).toThrow(expect.objectContaining({ code: 'INVALID_CREDENTIALS' }));
    expect(() => tokens.redeem('never-issued')).toThrow(expect.objectContaining({ code: 'INVALID_CREDENTIALS' }));
    expect(tokens.list().map((t) => tokens.isRevoked(t))).toEqual([true, true]);
  });

  test('a user who is gone takes their tokens along; the others stay', () => {
    const tokens = new AppTokens({ clock: new ManualClock(), random: seededRandom('app-tokens') });
    const mine = tokens.create(user(1));
    const theirs = tokens.create(user(2));
    tokens.forgetUser(1);
    expect(() => tokens.redeem(mine.secret)).toThrow(expect.objectContaining({ code: 'INVALID_CREDENTIALS' }));
    expect(tokens.redeem(theirs.secret).creatorId).toBe(2);
  });

  test(`at most ${MAX_APP_TOKENS} are kept, revoked ones included`, () => {
    const tokens = new AppTokens({ clock: new ManualClock(), random: seededRandom('app-tokens') });
    for (let i = 0; i < MAX_APP_TOKENS; i++) tokens.revoke(tokens.create(user(1)).token.id);
    expect(() => tokens.create(user(1))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  test('an unknown id is APP_TOKEN_NOT_FOUND', () => {
    const tokens = new AppTokens({ clock: new ManualClock(), random: seededRandom('app-tokens') });
    expect(() => tokens.get(7)).toThrow(expect.objectContaining({ code: 'APP_TOKEN_NOT_FOUND' }));
  });
});
