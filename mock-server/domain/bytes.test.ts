import fc from 'fast-check';
import { equalBytes, fromBase64, fromBase64url, readUint32BE, toBase64, toBase64url, toHex, utf8 } from './bytes';

// Buffer is the reference: the stored hashes, state files and tokens of earlier versions were written with it.
describe('the byte encodings', () => {
  test('write what Buffer writes, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const b = Buffer.from(bytes);
        expect(toHex(bytes)).toBe(b.toString('hex'));
        expect(toBase64(bytes)).toBe(b.toString('base64'));
        expect(toBase64url(bytes)).toBe(b.toString('base64url'));
      }),
    );
  });

  test('read back what they write, and what Buffer writes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const b = Buffer.from(bytes);
        expect(fromBase64(b.toString('base64'))).toEqual(bytes);
        expect(fromBase64(b.toString('base64').replace(/=+$/, ''))).toEqual(bytes);
        expect(fromBase64url(b.toString('base64url'))).toEqual(bytes);
      }),
    );
  });

  test('utf8 encodes as Buffer does', () => {
    for (const s of ['', 'ascii', 'grüße', '日本語', '🙂 emoji']) expect(utf8(s)).toEqual(new Uint8Array(Buffer.from(s, 'utf8')));
  });

  test.each([
    ['a character outside the alphabet', 'ab$d', fromBase64],
    ['a URL-safe character in standard base64', 'ab-_', fromBase64],
    ['a standard character in URL-safe base64', 'ab+/', fromBase64url],
    ['padding in URL-safe base64', 'YQ==', fromBase64url],
    ['padding in the middle', 'Y=Q=', fromBase64],
    ['only padding', '====', fromBase64],
    ['a length no encoder writes', 'abcde', fromBase64],
    ['white space', 'YW Jj', fromBase64],
    ['a character beyond ASCII', 'YWJé', fromBase64url],
  ])('decoding refuses %s', (_case, text, decode) => {
    expect(() => decode(text)).toThrow(SyntaxError);
  });
});

describe('readUint32BE', () => {
  test.each([
    [[0, 0, 0, 0], 0, 0],
    [[0xff, 0xff, 0xff, 0xff], 0, 0xffffffff],
    [[0x80, 0, 0, 1], 0, 0x80000001],
    [[9, 0x12, 0x34, 0x56, 0x78], 1, 0x12345678],
  ])('reads %j at %i as %i', (bytes, offset, value) => {
    expect(readUint32BE(new Uint8Array(bytes), offset)).toBe(value);
    expect(readUint32BE(new Uint8Array(bytes), offset)).toBe(Buffer.from(bytes).readUInt32BE(offset));
  });

  test('refuses to read past the end', () => {
    expect(() => readUint32BE(new Uint8Array(3))).toThrow(RangeError);
  });
});

describe('equalBytes', () => {
  test.each([
    ['equal bytes are equal', [1, 2, 3], [1, 2, 3], true],
    ['one differing byte makes them unequal', [1, 2, 3], [1, 2, 4], false],
    ['different lengths are unequal', [1, 2], [1, 2, 3], false],
    ['two empty strings are equal', [], [], true],
  ])('%s', (_case, a, b, equal) => {
    expect(equalBytes(new Uint8Array(a), new Uint8Array(b))).toBe(equal);
  });
});
