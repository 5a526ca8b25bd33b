import { ManualClock } from './clock';
import { DomainError } from './errors';
import { TokenService } from './tokens';

describe('TokenService', () => {
  const clock = new ManualClock();
  const tokens = new TokenService('secret', clock);
  const user = { id: 3, vendor: 'emnify', passwordVersion: 2 };

  test('a token verifies with its claims for its vendor and type', () => {
    const t = tokens.issue(user, 'access', 60);
    expect(tokens.verify(t, 'emnify', 'access')).toMatchObject({ sub: '3', vendor: 'emnify', typ: 'access', pwv: 2 });
  });

  test.each([
    ['another vendor', 'edge-impulse', 'access'],
    ['another type', 'emnify', 'refresh'],
  ] as const)('a token is invalid for %s', (_label, vendor, typ) => {
    const t = tokens.issue(user, 'access', 60);
    expect(() => tokens.verify(t, vendor, typ)).toThrow(expect.objectContaining({ code: 'TOKEN_INVALID' }) as DomainError);
  });

  test('the same claims within one second give the same token; a new password version does not', () => {
    const a = tokens.issue(user, 'access', 60);
    expect(tokens.issue(user, 'access', 60)).toBe(a);
    expect(tokens.issue({ ...user, passwordVersion: 3 }, 'access', 60)).not.toBe(a);
    clock.advance(1000);
    expect(tokens.issue(user, 'access', 60)).not.toBe(a);
  });

  test('a token expires by the injected clock', () => {
    const t = tokens.issue(user, 'access', 60);
    clock.advance(61_000);
    expect(() => tokens.verify(t, 'emnify', 'access')).toThrow(expect.objectContaining({ code: 'TOKEN_EXPIRED' }) as DomainError);
  });
});
