import http from 'node:http';
import { JOURNAL_BODY_LIMIT } from '../../mock-server/http/journal';
import { createHarness, fixture, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => expect(h.violations()).toEqual([]));

const newest = async (path: string) => {
  const res = await h.request.get('/__admin/requests').query({ limit: 20 }).expect(200);
  const entry = res.body.requests.find((r: { path: string }) => r.path === path);
  if (!entry) throw new Error(`No journal entry for ${path}`);
  return entry;
};

describe('journal entries', () => {
  test('carry request and response headers and bodies with passwords, tokens and cookies redacted', async () => {
    const active = fixture('edge-impulse', 'active');
    const login = await h.request.post('/v1/api-login').set('Cookie', 'jwt=old-session').send({ username: active.username, password: active.password }).expect(200);
    const entry = await newest('/v1/api-login');
    expect(entry).toMatchObject({
      method: 'POST',
      status: 200,
      operationId: 'login',
      vendor: 'edge-impulse',
      request: { headers: { 'content-type': 'application/json', cookie: '[redacted]' }, body: { username: active.username, password: '[redacted]' } },
      response: { headers: { 'content-type': expect.stringMatching(/^application\/json/) }, body: { success: true, token: '[redacted]' } },
    });
    const text = JSON.stringify(entry);
    expect(text).not.toContain(active.password);
    expect(text).not.toContain(login.body.token);
  });

  test.each([
    ['an EMnify activation key', '/api/v1/user/activation', { activationKey: 'abcdef0123456789', password: 'secret-password-9' }, ['abcdef0123456789', 'secret-password-9']],
    ['an Edge Impulse reset code and new password', '/v1/api-user-reset-password', { email: 'x@edgeimpulse.example', code: 'c0ffee1234', newPassword: 'another-secret-1' }, ['c0ffee1234', 'another-secret-1']],
  ])('never show %s', async (_label, path, body, secrets) => {
    await h.request.post(path).send(body);
    const text = JSON.stringify(await newest(path));
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  test('a form body is kept as its fields', async () => {
    const pending = fixture('akana', 'pending activation');
    await h.request.post('/api/users/resendActivation').type('form').send({ emailAddress: pending.email }).expect(200);
    expect((await newest('/api/users/resendActivation')).request.body).toEqual({ emailAddress: pending.email });
  });

  test('a response longer than 8 kB is cut to at most its first 8,192 characters, redacted, and marked', async () => {
    await h.request.post('/__admin/users/bulk').send({ vendor: 'akana', count: 200, password: 'bulk-password' }).expect(201);
    await h.request.get('/__admin/users').expect(200);
    const entry = await newest('/__admin/users');
    expect(entry.response.bodyTruncated).toBe(true);
    expect(entry.response.body.length).toBeLessThanOrEqual(JOURNAL_BODY_LIMIT);
    expect(entry.response.body.length).toBeGreaterThan(JOURNAL_BODY_LIMIT - 200);
    expect(entry.response.body.startsWith('{"users":[')).toBe(true);
  });

  test('a request body longer than 8 kB is cut the same way, with its secrets redacted', async () => {
    const long = { vendor: 'emnify', email: 'long@emnify.example', password: 'x'.repeat(20_000), name: 'n'.repeat(10_000) };
    // Over the fields' maxima, so refused (400); the journal keeps the request all the same.
    await h.request.post('/__admin/users').send(long).expect(400);
    const entry = await newest('/__admin/users');
    expect(entry.request.bodyTruncated).toBe(true);
    expect(entry.request.body.length).toBeLessThanOrEqual(JOURNAL_BODY_LIMIT);
    expect(entry.request.body).not.toContain('xxxxxxxx');
    expect(entry.request.body.startsWith('{"vendor":"emnify","email":"long@emnify.example","password":')).toBe(true);
  });
});

describe('a chunked request body, whose size nobody announced', () => {
  test('is cut to the journal limit, and reading the journal stays quick however long the body was', async () => {
    const server = h.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as { port: number };
    try {
      const body = JSON.stringify({ username: 'u'.repeat(90_000), password: 'secret-password-1' });
      await new Promise<void>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/api-login', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
          res.resume();
          res.on('end', resolve);
        });
        req.on('error', reject);
        for (let i = 0; i < body.length; i += 10_000) req.write(body.slice(i, i + 10_000));
        req.end();
      });
      const entry = await newest('/v1/api-login');
      expect(entry.request.bodyTruncated).toBe(true);
      expect(entry.request.body.length).toBeLessThanOrEqual(JOURNAL_BODY_LIMIT);
      expect(JSON.stringify(entry)).not.toContain('secret-password-1');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
