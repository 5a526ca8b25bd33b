import jwt from 'jsonwebtoken';
import { ManualClock } from './clock';
import { DomainError } from './errors';
import type { Logger } from './logger';
import { TokenService } from './tokens';

describe('TokenService', () => {
  const clock = new ManualClock();
  const tokens = new TokenService('secret', clock, 'w1');
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

  test('a session token carries its session id, and two sessions within one second differ', () => {
    const a = tokens.issue(user, 'access', 60, 's1');
    const b = tokens.issue(user, 'access', 60, 's2');
    expect(a).not.toBe(b);
    expect([tokens.verify(a, 'emnify', 'access').sid, tokens.verify(b, 'emnify', 'access').sid]).toEqual(['s1', 's2']);
    expect(tokens.verify(tokens.issue(user, 'access', 60), 'emnify', 'access').sid).toBeUndefined();
  });

  test('a token expires by the injected clock', () => {
    const t = tokens.issue(user, 'access', 60);
    clock.advance(61_000);
    expect(() => tokens.verify(t, 'emnify', 'access')).toThrow(expect.objectContaining({ code: 'TOKEN_EXPIRED' }) as DomainError);
  });

  test('a token names its world and epoch, and is invalid in another world with the same secret', () => {
    const t = tokens.issue(user, 'access', 60);
    expect(JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString())).toMatchObject({ wld: 'w1', ep: tokens.epoch });
    const elsewhere = new TokenService('secret', clock, 'w2', undefined, tokens.epoch);
    expect(() => elsewhere.verify(t, 'emnify', 'access')).toThrow(expect.objectContaining({ code: 'TOKEN_INVALID' }) as DomainError);
  });

  test('a new epoch voids every token issued before, and the memo hands none of them out again', () => {
    const own = new TokenService('secret', clock, 'w1');
    const before = own.issue(user, 'access', 60);
    const epoch = own.epoch;
    own.setEpoch();
    expect(own.epoch).not.toBe(epoch);
    expect(() => own.verify(before, 'emnify', 'access')).toThrow(expect.objectContaining({ code: 'TOKEN_INVALID' }) as DomainError);
    const after = own.issue(user, 'access', 60);
    expect(after).not.toBe(before);
    expect(own.verify(after, 'emnify', 'access')).toMatchObject({ ep: own.epoch });
    // Taking the saved epoch back (a restart with the state file) makes the earlier token valid again.
    own.setEpoch(epoch);
    expect(own.verify(before, 'emnify', 'access')).toMatchObject({ sub: '3' });
  });

  test('the console hears once why a token of another world or incarnation was refused', () => {
    const warned: string[] = [];
    const logger: Logger = { warn: (m) => warned.push(m), error: () => undefined };
    const other = new TokenService('secret', clock, 'w2', logger);
    const t = tokens.issue(user, 'access', 60);
    for (let i = 0; i < 3; i++) expect(() => other.verify(t, 'emnify', 'access')).toThrow();
    expect(warned).toEqual([expect.stringContaining("issued in world 'w1'")]);
    const stale = new TokenService('secret', clock, 'w1', logger);
    expect(() => stale.verify(t, 'emnify', 'access')).toThrow();
    expect(warned[1]).toContain('last reset');
  });

  // Tokens handed out before the signer changed (jsonwebtoken) must still work, and tests may mint tokens with it.
  test('a token the earlier jsonwebtoken signer issued verifies, and the same claims give the same token', () => {
    const own = new TokenService('secret', clock, 'w1');
    const iat = Math.floor(clock.now() / 1000);
    const payload = { sub: '3', vendor: 'emnify', typ: 'access', pwv: 2, wld: 'w1', ep: own.epoch, iat };
    const old = jwt.sign(payload, 'secret', { algorithm: 'HS256', expiresIn: 60 });
    expect(own.verify(old, 'emnify', 'access')).toEqual({ ...payload, exp: iat + 60 });
    expect(own.issue(user, 'access', 60)).toBe(old);
    const { iat: _iat, ...beforeIat } = payload;
    const oldSession = jwt.sign({ ...beforeIat, sid: 's9', iat }, 'secret', { algorithm: 'HS256', expiresIn: 60 });
    expect(own.issue(user, 'access', 60, 's9')).toBe(oldSession);
    clock.advance(60_000);
    expect(() => own.verify(old, 'emnify', 'access')).toThrow(expect.objectContaining({ code: 'TOKEN_EXPIRED' }) as DomainError);
  });

  test('a token of another secret is invalid, not expired, even past its exp', () => {
    const own = new TokenService('secret', clock, 'w1');
    const forged = new TokenService('other', clock, 'w1', undefined, own.epoch).issue(user, 'access', 60);
    clock.advance(120_000);
    expect(() => own.verify(forged, 'emnify', 'access')).toThrow(expect.objectContaining({ code: 'TOKEN_INVALID' }) as DomainError);
  });
});
