import crypto from 'node:crypto';
import { hmacSha256Hex, sha1Hex, sha256Hex, sha256Of } from './digests';

// node:crypto is the reference: codes, hashes and CSRF tokens stored or handed out by earlier versions were made with it.
describe('the digests', () => {
  test.each(['', 'abc', 'grüße', 'a'.repeat(1000), '🙂'])('of %j are node:crypto\'s', (text) => {
    expect(sha256Hex(text)).toBe(crypto.createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(Buffer.from(sha256Of(text))).toEqual(crypto.createHash('sha256').update(text, 'utf8').digest());
    expect(sha1Hex(text)).toBe(crypto.createHash('sha1').update(text, 'utf8').digest('hex'));
    expect(hmacSha256Hex('the key', text)).toBe(crypto.createHmac('sha256', 'the key').update(text).digest('hex'));
  });

  test('an HMAC key longer than a block is hashed first, as node does', () => {
    const key = 'k'.repeat(100);
    expect(hmacSha256Hex(key, 'x')).toBe(crypto.createHmac('sha256', key).update('x').digest('hex'));
  });
});
