import { currentTotp } from '../../mock-server/domain/totp';
import { createHarness, fixture, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => expect(h.violations()).toEqual([]));

const sendMail = (to: string, subject: string, text: string) => h.runtime.mailbox.send({ vendor: 'emnify', kind: 'activation', to, subject, text, code: 'c0de42' }, h.clock.now());

describe('GET /__admin/mailbox?q=', () => {
  test.each([
    ['an address', 'SEARCH-ME@', 'search-me@emnify.example'],
    ['a subject', 'unusual subject', 'other@emnify.example'],
    ['a text', 'zebra', 'third@emnify.example'],
  ])('finds %s case-insensitively', async (_label, q, to) => {
    sendMail('search-me@emnify.example', 'Hello', 'plain');
    sendMail('other@emnify.example', 'An Unusual Subject', 'plain');
    sendMail('third@emnify.example', 'Hello', 'A ZEBRA crossed');
    const res = await h.request.get('/__admin/mailbox').query({ q }).expect(200);
    expect(res.body.messages.map((m: { to: string }) => m.to)).toEqual([to]);
  });

  test('refuses a search text longer than 200 characters with 400 naming q', async () => {
    const res = await h.request.get('/__admin/mailbox').query({ q: 'x'.repeat(201) }).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'q' })]);
  });
});

describe('GET and DELETE /__admin/mailbox/{id}', () => {
  test('one message has its headers and an RFC 5322-style source with CRLF line ends', async () => {
    const m = sendMail('jan@emnify.example', 'Activate your account', 'Your code is c0de42\nSee you');
    const res = await h.request.get(`/__admin/mailbox/${m.id}`).expect(200);
    expect(res.body).toMatchObject({ id: m.id, to: 'jan@emnify.example', code: 'c0de42', headers: { To: 'jan@emnify.example', Subject: 'Activate your account', Date: 'Thu, 01 Jan 2026 00:00:00 +0000' } });
    expect(res.body.headers.From).toMatch(/^EMnify <no-reply@emnify\.authmock\.invalid>$/i);
    expect(res.body.raw).toContain('\r\nSubject: Activate your account\r\n');
    expect(res.body.raw.endsWith('\r\n\r\nYour code is c0de42\r\nSee you\r\n')).toBe(true);
  });

  test('a line break in a subject cannot start a header of its own', async () => {
    const m = sendMail('jan@emnify.example', 'Hi\r\nBcc: someone@else.example', 'text');
    const res = await h.request.get(`/__admin/mailbox/${m.id}`).expect(200);
    expect(res.body.raw).not.toMatch(/\r\nBcc:/);
  });

  test('a deleted message is gone from the mailbox, and a second delete answers 404 problem+json', async () => {
    const m = sendMail('jan@emnify.example', 'Activate', 'text');
    await h.request.delete(`/__admin/mailbox/${m.id}`).expect(204);
    const listed = await h.request.get('/__admin/mailbox').query({ to: 'jan@emnify.example' }).expect(200);
    expect(listed.body.messages).toEqual([]);
    const again = await h.request.delete(`/__admin/mailbox/${m.id}`).expect(404);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.body.detail).toBe(`No message has id ${m.id}`);
    await h.request.get(`/__admin/mailbox/${m.id}`).expect(404);
  });

  test.each(['0', 'abc', '1.5'])('an id of %s answers 400', async (id) => {
    await h.request.get(`/__admin/mailbox/${id}`).expect(400);
  });
});

describe('the request journal', () => {
  test('DELETE /__admin/requests empties it: only the clearing request is left', async () => {
    await h.request.get('/__admin/clock').expect(200);
    await h.request.delete('/__admin/requests').expect(204);
    const res = await h.request.get('/__admin/requests').expect(200);
    expect(res.body.requests.map((r: { method: string; path: string }) => `${r.method} ${r.path}`)).toEqual(['DELETE /__admin/requests']);
    expect(res.body.dropped).toBe(0);
  });

  test.each([
    ['status', { status: 404 }, (r: Entry) => r.status === 404],
    ['vendor', { vendor: 'edge-impulse' }, (r: Entry) => r.vendor === 'edge-impulse'],
    ['operationId', { operationId: 'login' }, (r: Entry) => r.operationId === 'login'],
    ['path substring', { path: 'API-LOGIN' }, (r: Entry) => r.path.includes('api-login')],
  ])('GET /__admin/requests filters by %s', async (_label, query, holds) => {
    const active = fixture('edge-impulse', 'active');
    await h.request.post('/v1/api-login').send({ username: active.username, password: 'wrong-password' });
    await h.request.post('/v1/api-login').send({ username: active.username, password: active.password }).expect(200);
    await h.request.get('/__admin/mailbox/4711').expect(404);
    const res = await h.request.get('/__admin/requests').query(query).expect(200);
    expect(res.body.requests.length).toBeGreaterThan(0);
    expect(res.body.requests.every(holds)).toBe(true);
  });

  test('a filtered listing pages with the cursor it hands out', async () => {
    for (let i = 0; i < 5; i++) await h.request.get('/__admin/clock').expect(200);
    const first = await h.request.get('/__admin/requests').query({ path: '/clock', limit: 3 }).expect(200);
    expect(first.body.requests).toHaveLength(3);
    const second = await h.request.get('/__admin/requests').query({ path: '/clock', limit: 3, cursor: first.body.next }).expect(200);
    expect(second.body).toMatchObject({ requests: [expect.anything(), expect.anything()], next: null });
  });

  test.each([
    ['a status out of range', { status: 99 }, 'status'],
    ['an unknown vendor', { vendor: 'nobody' }, 'vendor'],
    ['a path text past 200 characters', { path: 'p'.repeat(201) }, 'path'],
  ])('%s answers 400 naming the parameter', async (_label, query, field) => {
    const res = await h.request.get('/__admin/requests').query(query).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
  });
});

type Entry = { status: number; vendor?: string; operationId?: string; path: string };

describe('DELETE /__admin/clock', () => {
  test('goes back to real time and answers as GET /__admin/clock does', async () => {
    await h.request.post('/__admin/clock').send({ advanceMs: 3_600_000 }).expect(200);
    const res = await h.request.delete('/__admin/clock').expect(200);
    expect(res.body).toEqual({ now: new Date(Date.UTC(2026, 0, 1)).toISOString(), offsetMs: 0 });
    expect((await h.request.get('/__admin/clock').expect(200)).body).toEqual(res.body);
  });
});

describe('GET /__admin/users/{id}/totp', () => {
  const userId = async (vendor: string, email: string): Promise<number> => (await h.request.get('/__admin/users').query({ vendor, email }).expect(200)).body.users[0].id;

  test('answers the code an authenticator shows by the mock clock, and the journal never shows it', async () => {
    const f = fixture('edge-impulse', 'active, MFA enabled');
    const id = await userId('edge-impulse', f.email);
    await h.request.post('/__admin/clock').send({ advanceMs: 45_000 }).expect(200);
    const res = await h.request.get(`/__admin/users/${id}/totp`).expect(200);
    expect(res.body).toEqual({ code: currentTotp(f.mfaSecret!, h.clock.now()), period: 30, now: '2026-01-01T00:00:45.000Z', validUntil: '2026-01-01T00:01:00.000Z' });
    const journal = await h.request.get('/__admin/requests').query({ path: '/totp' }).expect(200);
    expect(JSON.stringify(journal.body)).not.toContain(res.body.code);
  });

  test.each([
    ['a user without MFA', 409, async () => userId('edge-impulse', fixture('edge-impulse', 'active').email)],
    ['an id no user has', 404, async () => 4711],
  ])('%s answers %s problem+json', async (_label, status, id) => {
    const res = await h.request.get(`/__admin/users/${await id()}/totp`).expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
