import jwt from 'jsonwebtoken';
import supertest from 'supertest';
import { createApp } from '../../mock-server/create-app';
import { DEFAULT_CONFIG } from '../../mock-server/config';
import { isAllowedHost, isLoopback } from '../../mock-server/http/origins';
import { compiledSpecs, createHarness, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness({ config: { corsOrigins: ['https://app.example.test'], allowedHosts: ['mock.example.test', '.dev.example.test'] } });
});

const FOREIGN = 'https://evil.example';

describe('the admin API refuses other origins', () => {
  test.each([
    ['a simple POST /__admin/reset', () => h.request.post('/__admin/reset').set('Origin', FOREIGN)],
    ['a form POST to /__admin/users', () => h.request.post('/__admin/users').set('Origin', FOREIGN).type('form').send('vendor=akana')],
    ['a GET of the mailbox', () => h.request.get('/__admin/mailbox').set('Origin', FOREIGN)],
    ['a preflight', () => h.request.options('/__admin/reset').set('Origin', FOREIGN).set('Access-Control-Request-Method', 'POST')],
    ['the null origin of a sandboxed page', () => h.request.post('/__admin/reset').set('Origin', 'null')],
    ['a tenant’s admin API', () => h.request.post('/__tenants/team-a/__admin/reset').set('Origin', FOREIGN)],
  ])('%s from a foreign origin answers 403 problem+json and changes nothing', async (_label, send) => {
    const users = h.runtime.users.size;
    h.runtime.mailbox.send({ vendor: 'akana', kind: 'activation', to: 'a@b.example', subject: 's', text: 't', code: 'c' }, 0);
    const res = await send().expect(403).expect('Content-Type', /application\/problem\+json/);
    expect(res.body.detail).toContain('add it to corsOrigins');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(h.runtime.users.size).toBe(users);
    expect(h.runtime.mailbox.size).toBeGreaterThan(0);
  });

  test.each([
    ['a localhost port', 'http://localhost:5173'],
    ['127.0.0.1', 'http://127.0.0.1:3000'],
    ['[::1]', 'http://[::1]:8080'],
    ['a configured corsOrigins entry', 'https://app.example.test'],
  ])('%s may call it, with CORS headers', async (_label, origin) => {
    const res = await h.request.get('/__admin/users').query({ vendor: 'akana' }).set('Origin', origin).expect(200);
    expect(res.headers['access-control-allow-origin']).toBe(origin);
  });

  test('vendor routes still answer a foreign origin, without CORS headers a browser would honour', async () => {
    const res = await h.request.post('/v1/api-user-request-reset-password').set('Origin', FOREIGN).send({ email: 'a@b.example' }).expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('DNS rebinding: the Host of an admin request', () => {
  test.each([
    ['localhost with a port', 'localhost:4010', 200],
    ['a .localhost name', 'app.localhost:4010', 200],
    ['127.0.0.1', '127.0.0.1:4010', 200],
    ['[::1]', '[::1]:4010', 200],
    ['an allowedHosts entry', 'mock.example.test:4010', 200],
    ['a subdomain of a .-prefixed allowedHosts entry', 'a.dev.example.test', 200],
    ['a rebinding domain', 'attacker.example:4010', 403],
    ['a name that only ends like an entry', 'evilmock.example.test', 403],
  ])('%s (%s) answers %i', async (_label, host, status) => {
    const res = await h.request.get('/__admin/users').set('Host', host);
    expect(res.status).toBe(status);
    if (status === 403) expect(res.body.detail).toContain('allowedHosts');
  });

  test('is not checked when the mock listens on a non-loopback address', async () => {
    const app = createApp({ specs: await compiledSpecs(), host: '0.0.0.0' });
    await supertest(app).get('/__admin/users').set('Host', 'laptop.office.example:4010').expect(200);
  });

  test('vendor routes are not checked', async () => {
    await h.request.post('/v1/api-user-request-reset-password').set('Host', 'attacker.example').send({ email: 'a@b.example' }).expect(200);
  });

  test.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['[::1]', true],
    ['localhost', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.20', false],
  ])('isLoopback(%s) is %s', (address, loopback) => expect(isLoopback(address)).toBe(loopback));

  test('a request without Host (HTTP/1.0) is not refused for it', () => expect(isAllowedHost(undefined, [])).toBe(true));
});

describe('--admin-token', () => {
  let t: Harness;
  beforeEach(async () => {
    t = await createHarness({ config: { adminToken: 's3cret-admin-token' } });
  });

  test.each([
    ['no Authorization', undefined],
    ['a wrong token', 'Bearer wrong'],
    ['the token with another scheme', 'Basic s3cret-admin-token'],
    ['a prefix of the token', 'Bearer s3cret'],
  ])('%s answers 401 problem+json with WWW-Authenticate, changing nothing', async (_label, auth) => {
    const users = t.runtime.users.size;
    const req = t.request.post('/__admin/reset');
    const res = await (auth ? req.set('Authorization', auth) : req).expect(401).expect('Content-Type', /application\/problem\+json/);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="authmock admin"');
    expect(res.body.detail).toContain('--admin-token');
    expect(res.text).not.toContain('s3cret-admin-token');
    expect(t.runtime.users.size).toBe(users);
  });

  test('the right bearer token passes, the scheme in any case', async () => {
    await t.request.get('/__admin/users').set('Authorization', 'Bearer s3cret-admin-token').expect(200);
    await t.request.get('/__admin/users').set('Authorization', 'bearer s3cret-admin-token').expect(200);
  });

  test('a preflight from an allowed origin passes without the token (browsers send none)', async () => {
    const res = await t.request.options('/__admin/reset').set('Origin', 'http://localhost:3000').set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization').expect(204);
    expect(res.headers['access-control-allow-headers']).toMatch(/authorization/i);
  });

  test('a tenant’s admin API needs it too', async () => {
    await t.request.get('/__tenants/team-a/__admin/users').expect(401);
    await t.request.get('/__tenants/team-a/__admin/users').set('Authorization', 'Bearer s3cret-admin-token').expect(200);
  });

  test('vendor routes need no admin token', async () => {
    await t.request.post('/v1/api-user-request-reset-password').send({ email: 'a@b.example' }).expect(200);
  });
});

describe('the JWT secret', () => {
  test('is random unless configured', () => {
    expect(DEFAULT_CONFIG.jwtSecret).not.toBe('authmock-development-secret');
    expect(DEFAULT_CONFIG.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  test('a configured secret lets a test mint tokens the mock accepts', async () => {
    const m = await createHarness({ config: { jwtSecret: 'fixed-test-secret' } });
    const [user] = m.runtime.users.list({ vendor: 'edge-impulse', status: 'active' });
    const login = await m.request.post('/v1/api-login').send({ username: 'margret-sporer', password: 'salty-scout-39' }).expect(200);
    const claims = jwt.verify(login.body.token, 'fixed-test-secret', { ignoreExpiration: true }) as Record<string, unknown>;
    expect(claims.sub).toBe(String(user.id));
    // The test's mock runs on a manual clock: the minted token's times follow it.
    const iat = Math.floor(m.clock.now() / 1000);
    const minted = jwt.sign({ sub: claims.sub, vendor: claims.vendor, typ: claims.typ, pwv: claims.pwv, iat, exp: iat + 3600 }, 'fixed-test-secret', { algorithm: 'HS256' });
    await m.request.post('/v1/api/user/request-activation').set('x-jwt-token', minted).send({}).expect(200);
  });
});
