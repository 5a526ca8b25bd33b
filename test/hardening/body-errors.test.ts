import zlib from 'node:zlib';
import { bodyReadError } from '../../mock-server/http/body-errors';
import { createHarness, fixture, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => {
  expect(h.violations()).toEqual([]);
  // Nothing here is the mock's fault: no 500, nothing logged as an error.
  expect(h.logged).toEqual([]);
});

const ei = fixture('edge-impulse', 'active');
const LOGIN = JSON.stringify({ username: ei.username, password: ei.password });

interface Target {
  label: string;
  path: string;
  type: string;
  body: string;
  /** What the readable body gets. */
  ok: number;
  headers: Record<string, string>;
  envelope(message: string): unknown;
}

const TARGETS: Target[] = [
  { label: 'Edge Impulse', path: '/v1/api-login', type: 'application/json', body: LOGIN, ok: 200, headers: {}, envelope: (m) => ({ success: false, error: expect.stringContaining(m) }) },
  { label: 'EMnify', path: '/api/v1/authenticate', type: 'application/json', body: JSON.stringify({ username: 'a@b.example', password: 'a'.repeat(40) }), ok: 401, headers: {}, envelope: (m) => ({ error_code: 1400, error_token: 'InputValidationFailed', message: expect.stringContaining(m) }) },
  { label: 'Akana', path: '/api/users/resendActivation', type: 'application/x-www-form-urlencoded', body: 'emailAddress=a%40b.example', ok: 200, headers: { Accept: '*/*' }, envelope: (m) => ({ code: expect.any(Number), message: expect.stringContaining(m) }) },
  { label: 'the admin API', path: '/__admin/clock', type: 'application/json', body: '{"advanceMs":1}', ok: 200, headers: {}, envelope: (m) => expect.objectContaining({ type: 'about:blank', detail: expect.stringContaining(m) }) },
];

// superagent would serialise a Buffer as JSON when the type is JSON; these bodies go as they are.
const raw = (body: unknown): string => body as string;
const garbage = Buffer.from('this is not compressed at all');
const truncatedGzip = zlib.gzipSync(Buffer.from('{"username":"someone","password":"long-password"}')).subarray(0, 12);

const BAD_BODIES: [string, string, Buffer, number, string][] = [
  ['gzip that does not decode', 'gzip', garbage, 400, 'could not be decoded as gzip'],
  ['truncated gzip', 'gzip', truncatedGzip, 400, 'could not be decoded as gzip'],
  ['deflate that does not decode', 'deflate', garbage, 400, 'could not be decoded as deflate'],
  ['br that does not decode', 'br', garbage, 400, 'could not be decoded as br'],
  ['an unknown Content-Encoding', 'compress', garbage, 415, "Content-Encoding 'compress' is not supported"],
  ['zstd, which the mock does not decode', 'zstd', garbage, 415, "Content-Encoding 'zstd' is not supported"],
];

describe('a body that cannot be read is the client’s fault', () => {
  const table = TARGETS.flatMap((t) => BAD_BODIES.map(([what, encoding, body, status, message]) => [t.label, what, status, t, encoding, body, message] as const));
  test.each(table)('%s answers %s with %i in its own envelope', async (_label, _what, status, t, encoding, body, message) => {
    const users = h.runtime.users.size;
    const res = await h.request.post(t.path).set({ ...t.headers, 'Content-Type': t.type, 'Content-Encoding': encoding }).serialize(raw).send(body);
    expect(res.status).toBe(status);
    expect(res.body).toEqual(t.envelope(message));
    expect(h.runtime.users.size).toBe(users);
  });

  test.each(TARGETS.map((t) => [t.label, t] as const))('%s reads a body that is gzip, deflate or br encoded', async (_label, t) => {
    for (const [encoding, encode] of [['gzip', zlib.gzipSync], ['deflate', zlib.deflateSync], ['br', zlib.brotliCompressSync]] as const) {
      const res = await h.request.post(t.path).set({ ...t.headers, 'Content-Type': t.type, 'Content-Encoding': encoding }).serialize(raw).send(encode(Buffer.from(t.body)));
      expect([encoding, res.status]).toEqual([encoding, t.ok]);
    }
  });

  test('an Akana form with more than 1,000 fields answers 413 naming the limit', async () => {
    const body = Array.from({ length: 1001 }, (_, i) => `f${i}=x`).join('&');
    const res = await h.request.post('/api/users/resendActivation').type('form').set('Accept', '*/*').send(body).expect(413);
    expect(res.body).toEqual({ code: 413, message: 'Request body has more than 1000 form fields' });
  });

  test.each([
    ['Edge Impulse', '/v1/api-login', 'application/json; charset=klingon', 400],
    ['Akana', '/api/users/resendActivation', 'application/x-www-form-urlencoded; charset=klingon', 404],
    ['the admin API', '/__admin/users', 'application/json; charset=klingon', 400],
  ])('%s refuses a charset it cannot read with %s', async (_label, path, type, status) => {
    const res = await h.request.post(path).set({ 'Content-Type': type, Accept: '*/*' }).send('{}');
    expect(res.status).toBe(status);
    expect(JSON.stringify(res.body)).toContain("Charset 'klingon' is not supported");
  });
});

describe('bodyReadError', () => {
  const req = (encoding?: string) => ({ headers: encoding ? { 'content-encoding': encoding } : {} });
  test.each([
    ['entity.too.large', {}, 'PAYLOAD_TOO_LARGE'],
    ['parameters.too.many', {}, 'PAYLOAD_TOO_LARGE'],
    ['entity.parse.failed', {}, 'MALFORMED_BODY'],
    ['querystring.parse.rangeError', {}, 'MALFORMED_BODY'],
    ['encoding.unsupported', { encoding: 'x' }, 'UNSUPPORTED_ENCODING'],
    ['charset.unsupported', { charset: 'x' }, 'UNSUPPORTED_MEDIA_TYPE'],
    ['request.aborted', {}, 'MALFORMED_BODY'],
    ['request.size.invalid', {}, 'MALFORMED_BODY'],
    ['stream.not.readable', {}, 'MALFORMED_BODY'],
    ['something.new', {}, 'MALFORMED_BODY'],
    [undefined, { status: 413 }, 'PAYLOAD_TOO_LARGE'],
    [undefined, {}, 'MALFORMED_BODY'],
  ])('a parser error of type %s becomes %s', (type, extra, kind) => {
    expect(bodyReadError({ type, ...extra }, req()).kind).toBe(kind);
  });

  test('an unknown error while decoding a compressed body is a malformed body, and its message quotes nothing of it', () => {
    const err = Object.assign(new Error('incorrect header check: secret-password'), { code: 'Z_DATA_ERROR', body: 'password=secret-password' });
    const mapped = bodyReadError(err, req('gzip'));
    expect(mapped.kind).toBe('MALFORMED_BODY');
    expect(mapped.message).toBe('Request body could not be decoded as gzip');
  });

  test('a value that is not even an Error is still a 4xx kind', () => {
    expect(bodyReadError(undefined, req()).kind).toBe('MALFORMED_BODY');
  });
});
