import { FIXTURE_ACCOUNTS } from '../../fixtures';
import { sha1Hex } from '../../mock-server/apis/emnify/accounts';
import { currentTotp } from '../../mock-server/domain/totp';
import { createHarness, fixture, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => expect(h.violations()).toEqual([]));

const SECRET_KEYS = ['password', 'passwordHash', 'mfaSecret', 'activationCode', 'code'];

describe('POST /__admin/users', () => {
  test.each([
    [{ vendor: 'edge-impulse', email: 'a.dev@edgeimpulse.example', password: 'password-1' }, { vendor: 'edge-impulse', username: 'a-dev', status: 'active', mfa: false }],
    [{ vendor: 'emnify', email: 'e.dev@emnify.example', status: 'pending' }, { vendor: 'emnify', username: 'e.dev@emnify.example', status: 'pending' }],
    [{ vendor: 'akana', email: 'k.dev@akana.example', password: 'password-1', status: 'suspended', name: 'K Dev' }, { vendor: 'akana', name: 'K Dev', status: 'suspended' }],
  ])('creates %j and answers 201 with the user without secrets', async (body, expected) => {
    const res = await h.request.post('/__admin/users').send(body).expect(201);
    expect(res.body).toMatchObject({ id: expect.any(Number), email: body.email, createdAt: expect.any(String), ...expected });
    for (const key of SECRET_KEYS) expect(res.body).not.toHaveProperty(key);
  });

  test('a pending user gets an activation mail', async () => {
    await h.request.post('/__admin/users').send({ vendor: 'emnify', email: 'pending.dev@emnify.example', status: 'pending' }).expect(201);
    const res = await h.request.get('/__admin/mailbox').query({ to: 'pending.dev@emnify.example' }).expect(200);
    expect(res.body.messages).toEqual([expect.objectContaining({ vendor: 'emnify', kind: 'activation', to: 'pending.dev@emnify.example', code: expect.stringMatching(/^[0-9a-f]{32}$/) })]);
  });

  test('an MFA user gets a generated secret once, and it logs in with it', async () => {
    const res = await h.request.post('/__admin/users').send({ vendor: 'edge-impulse', email: 'mfa.dev@edgeimpulse.example', password: 'password-1', mfa: true }).expect(201);
    expect(res.body).toMatchObject({ mfa: true, mfaSecret: expect.stringMatching(/^[A-Z2-7]{32}$/) });
    const listed = await h.request.get('/__admin/users').query({ email: 'mfa.dev@edgeimpulse.example' }).expect(200);
    expect(listed.body.users[0]).not.toHaveProperty('mfaSecret');
    const login = await h.request.post('/v1/api-login').send({ username: 'mfa-dev', password: 'password-1', totpToken: currentTotp(res.body.mfaSecret, h.clock.now()) }).expect(200);
    expect(login.body.success).toBe(true);
  });

  test.each([
    ['an e-mail address', { vendor: 'emnify', email: fixture('emnify', 'active').email, password: 'password-1' }],
    ['a username', { vendor: 'edge-impulse', email: 'other@edgeimpulse.example', username: fixture('edge-impulse', 'active').username, password: 'password-1' }],
  ])('a duplicate %s answers 409', async (_label, body) => {
    const before = h.runtime.users.size;
    const res = await h.request.post('/__admin/users').send(body).expect(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 409, title: 'Conflict' });
    expect(h.runtime.users.size).toBe(before);
  });

  test.each([
    ['an unknown vendor', { vendor: 'acme', email: 'a@b.example', password: 'password-1' }, 'vendor'],
    ['a malformed e-mail address', { vendor: 'emnify', email: 'not-an-address', password: 'password-1' }, 'email'],
    ['no e-mail address', { vendor: 'emnify', password: 'password-1' }, 'email'],
    ['an active user without a password', { vendor: 'emnify', email: 'a@b.example' }, 'password'],
    ['a password shorter than the vendor allows', { vendor: 'edge-impulse', email: 'a@b.example', password: 'short' }, 'password'],
    ['an unknown status', { vendor: 'emnify', email: 'a@b.example', password: 'password-1', status: 'deleted' }, 'status'],
    ['an unknown property', { vendor: 'emnify', email: 'a@b.example', password: 'password-1', role: 'admin' }, 'role'],
  ])('%s answers 400 naming the field', async (_label, body, field) => {
    const res = await h.request.post('/__admin/users').send(body).expect(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });
});

describe('GET /__admin/users', () => {
  test('lists the fixtures, filtered by vendor and e-mail, without secrets', async () => {
    const all = await h.request.get('/__admin/users').expect(200);
    expect(all.body.users).toHaveLength(FIXTURE_ACCOUNTS.length);
    const emnify = await h.request.get('/__admin/users').query({ vendor: 'emnify' }).expect(200);
    expect(emnify.body.users.map((u: { vendor: string }) => u.vendor)).toEqual(FIXTURE_ACCOUNTS.filter((a) => a.vendor === 'emnify').map(() => 'emnify'));
    const one = await h.request.get('/__admin/users').query({ email: fixture('akana', 'pending activation').email }).expect(200);
    expect(one.body.users).toEqual([expect.objectContaining({ vendor: 'akana', status: 'pending' })]);
    expect(JSON.stringify(all.body)).not.toMatch(/scrypt|passwordHash|mfaSecret/);
  });

  test('an unknown vendor filter answers 400', async () => {
    await h.request.get('/__admin/users').query({ vendor: 'acme' }).expect(400);
  });
});

describe('mailbox', () => {
  test('lists newest first, filters by recipient, vendor and kind, and empties', async () => {
    await h.request.post('/v1/api-user-request-reset-password').send({ email: fixture('edge-impulse', 'active').email });
    const res = await h.request.get('/__admin/mailbox').expect(200);
    const ids = res.body.messages.map((m: { id: number }) => m.id);
    expect(ids).toEqual([...ids].sort((a: number, b: number) => b - a));
    expect(res.body.messages[0]).toEqual({ id: expect.any(Number), vendor: 'edge-impulse', kind: 'password-reset', to: fixture('edge-impulse', 'active').email, subject: expect.any(String), text: expect.any(String), code: expect.any(String), createdAt: expect.any(String) });
    const kinds = await h.request.get('/__admin/mailbox').query({ kind: 'third-party-activation' }).expect(200);
    expect(kinds.body.messages).toHaveLength(1);
    const akana = await h.request.get('/__admin/mailbox').query({ vendor: 'akana' }).expect(200);
    expect(akana.body.messages.every((m: { vendor: string }) => m.vendor === 'akana')).toBe(true);
    await h.request.delete('/__admin/mailbox').expect(204);
    expect((await h.request.get('/__admin/mailbox').expect(200)).body.messages).toEqual([]);
  });
});

describe('clock and reset', () => {
  test('POST /__admin/clock moves time forward and says what time it is', async () => {
    const before = h.clock.now();
    const res = await h.request.post('/__admin/clock').send({ advanceMs: 90_000 }).expect(200);
    expect(res.body).toEqual({ now: new Date(before + 90_000).toISOString() });
  });

  test.each([[{ advanceMs: -1 }], [{ advanceMs: 'soon' }], [{}]])('POST /__admin/clock with %j answers 400', async (body) => {
    await h.request.post('/__admin/clock').send(body).expect(400);
  });

  test('POST /__admin/reset puts store, mailbox, journal and clock back to the fixtures', async () => {
    const start = h.clock.now();
    await h.request.post('/__admin/users').send({ vendor: 'emnify', email: 'temp@emnify.example', status: 'pending' }).expect(201);
    await h.request.post('/__admin/clock').send({ advanceMs: 1000 }).expect(200);
    await h.request.post('/__admin/reset').expect(204);
    expect(h.runtime.users.size).toBe(FIXTURE_ACCOUNTS.length);
    expect(h.runtime.users.byEmail('emnify', 'temp@emnify.example')).toBeUndefined();
    expect(h.clock.now()).toBe(start);
    expect(h.runtime.mailbox.list({ to: 'temp@emnify.example' })).toEqual([]);
    const journal = await h.request.get('/__admin/requests').expect(200);
    // Only the reset itself, journaled as it finished.
    expect(journal.body.requests.map((r: { operationId: string }) => r.operationId)).toEqual(['resetState']);
    // The fixtures' documented passwords and codes work again.
    const a = fixture('edge-impulse', 'active');
    expect((await h.request.post('/v1/api-login').send({ username: a.username, password: a.password })).body.success).toBe(true);
  });
});

describe('request journal', () => {
  test('GET /__admin/requests honours limit and rejects one out of range', async () => {
    for (let i = 0; i < 5; i++) await h.request.get('/__admin/users');
    expect((await h.request.get('/__admin/requests').query({ limit: 2 }).expect(200)).body.requests).toHaveLength(2);
    await h.request.get('/__admin/requests').query({ limit: 0 }).expect(400);
  });
});

describe('POST /__admin/users/bulk', () => {
  test.each([
    ['edge-impulse', (n: number) => ({ username: `bulk-${n}`, password: 'bulk-password' })],
    ['emnify', (n: number) => ({ username: `bulk-${n}@bulk.example` })],
  ])('creates many active %s users who can log in', async (vendor, login) => {
    const before = h.runtime.users.size;
    const res = await h.request.post('/__admin/users/bulk').send({ vendor, count: 500, password: 'bulk-password' }).expect(201);
    expect(res.body).toEqual({ created: 500, total: before + 500, first: `bulk-${before + 1}@bulk.example`, last: `bulk-${before + 500}@bulk.example` });
    const n = before + 250;
    if (vendor === 'edge-impulse') {
      expect((await h.request.post('/v1/api-login').send(login(n))).body.success).toBe(true);
    } else {
      await h.request.post('/api/v1/authenticate').send({ ...login(n), password: sha1Hex('bulk-password') }).expect(200);
    }
    expect(h.runtime.mailbox.list({ to: `bulk-${n}@bulk.example` })).toEqual([]);
  });

  test('a second batch with the same prefix continues the numbering', async () => {
    await h.request.post('/__admin/users/bulk').send({ vendor: 'akana', count: 3, password: 'bulk-password' }).expect(201);
    const res = await h.request.post('/__admin/users/bulk').send({ vendor: 'akana', count: 3, password: 'bulk-password' }).expect(201);
    expect(res.body.created).toBe(3);
    const fixtures = FIXTURE_ACCOUNTS.filter((a) => a.vendor === 'akana').length;
    expect(new Set(h.runtime.users.list({ vendor: 'akana' }).map((u) => u.email)).size).toBe(fixtures + 6);
  });

  test.each([
    [{ vendor: 'akana', count: 0, password: 'bulk-password' }, 'count'],
    [{ vendor: 'akana', count: 3000000, password: 'bulk-password' }, 'count'],
    [{ vendor: 'akana', count: 3, password: 'short' }, 'password'],
    [{ vendor: 'akana', count: 3, password: 'bulk-password', prefix: 'Bad Prefix' }, 'prefix'],
  ])('%j answers 400 naming %s', async (body, field) => {
    const res = await h.request.post('/__admin/users/bulk').send(body).expect(400);
    expect(res.body.errors[0].field).toBe(field);
  });
});
