import zlib from 'node:zlib';
import { bodyReadError } from '../body-errors';
import { limitBytes, parseFetchBody } from './body';

const post = (body: BodyInit, headers: Record<string, string>): Request => new Request('http://mock.test/x', { method: 'POST', body, headers });
const json = { 'Content-Type': 'application/json' };
const form = { 'Content-Type': 'application/x-www-form-urlencoded' };

/** What the pipeline makes of a refusal: the RequestError code body-errors.ts maps it to. */
async function refusal(request: Request, kind: 'json' | 'form', limit = '100kb'): Promise<string> {
  try {
    await parseFetchBody(request, kind, limit);
  } catch (err) {
    return bodyReadError(err, { headers: Object.fromEntries(request.headers) }).kind;
  }
  return 'accepted';
}

describe('reading a Fetch request body as body-parser reads a Node one', () => {
  test.each<[string, Request, 'json' | 'form', unknown]>([
    ['a JSON object', post('{"a":1}', json), 'json', { a: 1 }],
    ['a JSON array', post('[1,2]', json), 'json', [1, 2]],
    ['an empty JSON body, as {}', post('', json), 'json', {}],
    ['gzip-compressed JSON', post(zlib.gzipSync('{"z":true}'), { ...json, 'Content-Encoding': 'gzip' }), 'json', { z: true }],
    ['deflate-compressed JSON', post(zlib.deflateSync('{"d":1}'), { ...json, 'Content-Encoding': 'deflate' }), 'json', { d: 1 }],
    ['a form, + as a space and a name given twice as an array', post('a=x+y&b=1&b=2', form), 'form', { a: 'x y', b: ['1', '2'] }],
  ])('%s is parsed', async (_label, request, kind, expected) => {
    expect(await parseFetchBody(request, kind, '100kb')).toEqual(expected);
  });

  test.each<[string, Request, 'json' | 'form', string]>([
    ['JSON that is not an object or array (strict)', post('"text"', json), 'json', 'MALFORMED_BODY'],
    ['JSON that does not parse', post('{"a":', json), 'json', 'MALFORMED_BODY'],
    ['a body over the limit', post(JSON.stringify({ a: 'x'.repeat(200_000) }), json), 'json', 'PAYLOAD_TOO_LARGE'],
    ['a compressed body over the limit once decompressed', post(zlib.gzipSync(JSON.stringify({ a: 'x'.repeat(200_000) })), { ...json, 'Content-Encoding': 'gzip' }), 'json', 'PAYLOAD_TOO_LARGE'],
    ['gzip that does not decode', post('not gzip at all', { ...json, 'Content-Encoding': 'gzip' }), 'json', 'MALFORMED_BODY'],
    ['an encoding a browser cannot decompress', post('x', { ...json, 'Content-Encoding': 'compress' }), 'json', 'UNSUPPORTED_ENCODING'],
    ['a charset other than UTF', post('{}', { 'Content-Type': 'application/json; charset=klingon' }), 'json', 'UNSUPPORTED_MEDIA_TYPE'],
    ['a form in another charset', post('a=1', { 'Content-Type': 'application/x-www-form-urlencoded; charset=latin1' }), 'form', 'UNSUPPORTED_MEDIA_TYPE'],
    ['a form with more than 1,000 fields', post(Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join('&'), form), 'form', 'PAYLOAD_TOO_LARGE'],
  ])('%s is refused as the Node adapter refuses it', async (_label, request, kind, code) => {
    expect(await refusal(request, kind)).toBe(code);
  });

  test.each([
    ['100kb', 102_400],
    ['5mb', 5 * 1024 * 1024],
    ['512b', 512],
    ['64', 64],
  ])('the limit %s is %d bytes', (text, bytes) => {
    expect(limitBytes(text)).toBe(bytes);
  });
});
