import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import { toBase64url, utf8 } from './bytes';
import { Hs256Jwt, JwtRefused } from './hs256-jwt';

// jsonwebtoken is the reference: it signed every token of earlier versions, and tests may still mint tokens with it.
const SECRET = 'fixed-test-secret';
const NOW = 1_700_000_000;
const signer = new Hs256Jwt(SECRET);
const claims = { sub: '3', vendor: 'emnify', typ: 'access', pwv: 2, wld: 'default', ep: 'AbC-_9', iat: NOW, exp: NOW + 60 };
const b64 = (value: unknown): string => toBase64url(utf8(JSON.stringify(value)));
/** A token with this header and payload (objects, or parts as written), correctly signed with SECRET by node:crypto. */
const forged = (header: unknown, payload: unknown): string => {
  const input = `${typeof header === 'string' ? header : b64(header)}.${typeof payload === 'string' ? payload : b64(payload)}`;
  return `${input}.${crypto.createHmac('sha256', SECRET).update(input).digest('base64url')}`;
};

describe('Hs256Jwt', () => {
  test('writes byte for byte the token jsonwebtoken wrote for the same claims', () => {
    const { exp: _exp, ...withoutExp } = claims;
    expect(signer.sign(claims)).toBe(jwt.sign(withoutExp, SECRET, { algorithm: 'HS256', expiresIn: 60 }));
    expect(signer.sign({ ...withoutExp, sid: 's1', exp: NOW + 60 })).not.toBe(signer.sign(claims));
  });

  test('a token jsonwebtoken signed verifies, and one signed here verifies with jsonwebtoken', () => {
    expect(signer.verify(jwt.sign(claims, SECRET, { algorithm: 'HS256' }), NOW)).toEqual(claims);
    expect(jwt.verify(signer.sign(claims), SECRET, { algorithms: ['HS256'], clockTimestamp: NOW })).toEqual(claims);
  });

  // exp and nbf as jsonwebtoken checked them; iat is not checked, as it was not.
  test.each<[string, Record<string, unknown>, number, 'expired' | 'invalid' | 'valid']>([
    ['valid before exp', { exp: NOW + 1 }, NOW, 'valid'],
    ['expired at exp', { exp: NOW }, NOW, 'expired'],
    ['expired past exp', { exp: NOW }, NOW + 100, 'expired'],
    ['valid without exp', {}, NOW + 10 ** 6, 'valid'],
    ['invalid with an exp that is not a number', { exp: String(NOW + 60) }, NOW, 'invalid'],
    ['invalid before nbf', { nbf: NOW + 1, exp: NOW + 60 }, NOW, 'invalid'],
    ['valid at nbf', { nbf: NOW, exp: NOW + 60 }, NOW, 'valid'],
    ['invalid with an nbf that is not a number', { nbf: 'soon', exp: NOW + 60 }, NOW, 'invalid'],
    ['valid with an iat in the future', { iat: NOW + 1000, exp: NOW + 2000 }, NOW, 'valid'],
  ])('a token is %s', (_case, payload, now, verdict) => {
    const token = forged({ alg: 'HS256', typ: 'JWT' }, payload);
    const reference = (() => {
      try {
        jwt.verify(token, SECRET, { algorithms: ['HS256'], clockTimestamp: now });
        return 'valid';
      } catch (err) {
        return err instanceof jwt.TokenExpiredError ? 'expired' : 'invalid';
      }
    })();
    expect(reference).toBe(verdict);
    if (verdict === 'valid') expect(signer.verify(token, now)).toEqual(payload);
    else expect(() => signer.verify(token, now)).toThrow(expect.objectContaining({ reason: verdict }) as JwtRefused);
  });

  const good = signer.sign(claims);
  const [header, payload, signature] = good.split('.');
  test.each([
    ['another secret', new Hs256Jwt('other secret').sign(claims)],
    ['a changed payload', `${header}.${b64({ ...claims, sub: '4' })}.${signature}`],
    ['a truncated signature', `${header}.${payload}.${signature.slice(0, -1)}`],
    ['a signature with padding', `${header}.${payload}.${signature}=`],
    ['no signature', `${header}.${payload}.`],
    ['two parts', `${header}.${payload}`],
    ['four parts', `${good}.x`],
    ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`],
    ['alg none, signed anyway', forged({ alg: 'none', typ: 'JWT' }, claims)],
    ['alg HS512', forged({ alg: 'HS512', typ: 'JWT' }, claims)],
    ['typ other than JWT', forged({ alg: 'HS256', typ: 'at+jwt' }, claims)],
    ['no typ', forged({ alg: 'HS256' }, claims)],
    ['a crit header', forged({ alg: 'HS256', typ: 'JWT', crit: ['exp'] }, claims)],
    ['a header that is not JSON', forged('bm90IGpzb24', claims)],
    ['a payload that is not JSON', forged({ alg: 'HS256', typ: 'JWT' }, 'bm90IGpzb24')],
    ['a payload that is an array', forged({ alg: 'HS256', typ: 'JWT' }, [1, 2])],
    ['a payload that is a string', forged({ alg: 'HS256', typ: 'JWT' }, 'sub')],
    ['a payload in standard base64', forged({ alg: 'HS256', typ: 'JWT' }, `${payload}+`)],
    ['an empty string', ''],
  ])('refuses as invalid a token with %s', (_case, token) => {
    expect(() => signer.verify(token, NOW)).toThrow(expect.objectContaining({ reason: 'invalid' }) as JwtRefused);
  });
});
