import { AdminApiError, AdminClient, MailWaitTimeout } from '../../mock-server/admin-client';
import { currentTotp } from '../../mock-server/domain/totp';
import { startMock, type RunningMock } from '../../mock-server/server';
import { compiledSpecs, fixture } from '../support/harness';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ specs: await compiledSpecs() });
});
afterAll(() => mock.close());
beforeEach(() => mock.admin.reset());

const pending = fixture('edge-impulse', 'pending activation');
const json = (body: unknown, headers: Record<string, string> = {}) => ({ method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('AdminClient', () => {
  test('searches, reads and deletes one message; a deleted one rejects with the 404 problem', async () => {
    const [found] = await mock.admin.mailbox.list({ q: pending.email.toUpperCase() });
    expect(found.to).toBe(pending.email);
    const detail = await mock.admin.mailbox.get(found.id);
    expect(detail).toMatchObject({ id: found.id, headers: { To: pending.email }, raw: expect.stringContaining(`To: ${pending.email}\r\n`) });
    await mock.admin.mailbox.delete(found.id);
    await expect(mock.admin.mailbox.get(found.id)).rejects.toMatchObject({ name: 'AdminApiError', status: 404, problem: { detail: `No message has id ${found.id}` } });
  });

  test('filters and clears the request journal', async () => {
    await fetch(`${mock.url}/v1/api-login`, json({ username: pending.username, password: 'wrong-password-1' }));
    expect((await mock.admin.requests(10, { vendor: 'edge-impulse', operationId: 'login' })).map((r) => r.path)).toEqual(['/v1/api-login']);
    await mock.admin.clearRequests();
    expect(await mock.admin.requests(10, { path: 'api-login' })).toEqual([]);
  });

  test('clock.realTime undoes clock.advance, and users.totp follows the clock', async () => {
    const mfa = fixture('edge-impulse', 'active, MFA enabled');
    const [user] = await mock.admin.users.find({ vendor: 'edge-impulse', email: mfa.email });
    await mock.admin.clock.advance(3_600_000);
    const ahead = await mock.admin.users.totp(user.id);
    expect(ahead.code).toBe(currentTotp(mfa.mfaSecret!, Date.parse(ahead.now)));
    expect(Date.parse(ahead.now) - Date.now()).toBeGreaterThan(3_500_000);
    expect((await mock.admin.clock.realTime()).offsetMs).toBe(0);
    expect((await mock.admin.clock.get()).offsetMs).toBe(0);
  });

  test('startMock hands out a client bound to its URL, on localhost and a free port', () => {
    expect(mock.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(mock.admin.baseUrl).toBe(`${mock.url}/__admin`);
    expect(new AdminClient(`${mock.url}/__admin/`).baseUrl).toBe(`${mock.url}/__admin`);
  });

  test('waitFor resolves with the activation mail sent after it started waiting, and the code activates the user', async () => {
    const login = await (await fetch(`${mock.url}/v1/api-login`, json({ username: pending.username, password: pending.password }))).json();
    const [seeded] = await mock.admin.mailbox.list({ to: pending.email });
    const waiting = mock.admin.mailbox.waitFor({ to: pending.email, kind: 'activation', after: seeded.id });
    await fetch(`${mock.url}/v1/api/user/request-activation`, json({}, { 'x-jwt-token': login.token }));
    const mail = await waiting;
    expect(mail).toMatchObject({ vendor: 'edge-impulse', kind: 'activation', to: pending.email, code: expect.stringMatching(/^[0-9a-f]+$/) });
    expect(mail.id).toBeGreaterThan(seeded.id);
    const activated = await (await fetch(`${mock.url}/v1/api/user/activate`, json({ code: mail.code }, { 'x-jwt-token': login.token }))).json();
    expect(activated).toEqual({ success: true });
    expect((await mock.admin.users.find({ email: pending.email, vendor: 'edge-impulse' }))[0].status).toBe('active');
  });

  // Runs under jest's default 5 s timeout on purpose: the default wait must end first, with the error that names the filter.
  test('waitFor without a timeout gives up after 4 s, before a jest test would, naming the filter', async () => {
    const err = await mock.admin.mailbox.waitFor({ to: 'never@akana.example' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailWaitTimeout);
    expect(err).toMatchObject({ timeoutMs: 4000, message: expect.stringContaining('never@akana.example') });
  }, 5000);

  test('waitFor rejects with a timeout error that names the filter', async () => {
    const err = await mock.admin.mailbox.waitFor({ to: 'nobody@akana.example', kind: 'password-reset' }, { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailWaitTimeout);
    expect((err as Error).message).toBe('No e-mail matching {to=nobody@akana.example, kind=password-reset} arrived within 100 ms');
  });

  test('users.create, users.find, users.bulk, mailbox.list and mailbox.clear', async () => {
    const created = await mock.admin.users.create({ vendor: 'akana', email: 'client@akana.example', status: 'pending' });
    expect(created).toMatchObject({ vendor: 'akana', email: 'client@akana.example', status: 'pending' });
    expect(await mock.admin.users.find({ vendor: 'akana', status: 'pending' })).toEqual(expect.arrayContaining([expect.objectContaining({ id: created.id })]));
    expect(await mock.admin.users.bulk({ vendor: 'emnify', count: 3, password: 'bulk-password' })).toMatchObject({ created: 3 });
    expect((await mock.admin.mailbox.list({ to: 'client@akana.example' })).map((m) => m.kind)).toEqual(['activation']);
    await mock.admin.mailbox.clear();
    expect(await mock.admin.mailbox.list()).toEqual([]);
  });

  test('clock.advance moves the mock clock and requests() reads the journal', async () => {
    const before = Date.now();
    const now = await mock.admin.clock.advance(86_400_000);
    expect(now.getTime()).toBeGreaterThanOrEqual(before + 86_400_000);
    const [latest] = await mock.admin.requests(1);
    expect(latest).toMatchObject({ method: 'POST', path: '/__admin/clock', status: 200, operationId: 'advanceClock' });
  });

  test('an error of the admin API rejects with its status and problem+json', async () => {
    const err = await mock.admin.users.create({ vendor: 'emnify', email: fixture('emnify', 'active').email, password: 'password-1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AdminApiError);
    expect(err).toMatchObject({ status: 409, problem: { status: 409, title: 'Conflict' } });
    expect((err as Error).message).toMatch(/^POST \/__admin\/users answered 409: An? emnify user with e-mail .* already exists$/);
  });

  test('request() reaches any operation of the admin spec, typed by path and method', async () => {
    const answer = await mock.admin.request('post', '/third-party-activation-codes', { body: { email: 'partner@edgeimpulse.example' } });
    expect(answer).toMatchObject({ userId: expect.any(Number), activationCode: expect.any(String) });
  });

  test('forTenant, tenants.list and tenants.delete address the tenants', async () => {
    const worker = mock.admin.forTenant('worker-7');
    await worker.users.create({ vendor: 'emnify', email: 'only.here@emnify.example', status: 'pending' });
    expect(await worker.mailbox.waitFor({ to: 'only.here@emnify.example' }, { timeoutMs: 1000 })).toMatchObject({ kind: 'activation' });
    expect(await mock.admin.users.find({ email: 'only.here@emnify.example' })).toEqual([]);
    expect((await mock.admin.tenants.list()).map((t) => t.name)).toContain('worker-7');
    await mock.admin.tenants.delete('worker-7');
    expect((await mock.admin.tenants.list()).map((t) => t.name)).not.toContain('worker-7');
  });

  test('tenants.create makes a tenant a long poll can wait in before anything else happens there', async () => {
    const created = await mock.admin.tenants.create('worker-8');
    expect(created).toMatchObject({ name: 'worker-8', users: expect.any(Number), messages: expect.any(Number) });
    const worker = mock.admin.forTenant('worker-8');
    const waiting = worker.mailbox.waitFor({ to: 'waits.first@emnify.example' }, { timeoutMs: 5000 });
    await worker.users.create({ vendor: 'emnify', email: 'waits.first@emnify.example', status: 'pending' });
    expect(await waiting).toMatchObject({ kind: 'activation' });
    await mock.admin.tenants.delete('worker-8');
  });

  test('state.export and state.import round-trip the world', async () => {
    const saved = await mock.admin.state.export();
    await mock.admin.users.create({ vendor: 'akana', email: 'later@akana.example', password: 'password-1' });
    await mock.admin.state.import(saved);
    expect(await mock.admin.users.find({ email: 'later@akana.example' })).toEqual([]);
  });

  test('a mock that cannot be reached is named in the error', async () => {
    const gone = await startMock({ specs: await compiledSpecs() });
    await gone.close();
    await expect(gone.admin.reset()).rejects.toThrow(`POST ${gone.url}/__admin/reset failed: the mock cannot be reached (ECONNREFUSED)`);
  });

  test('token and tenant options become headers on every request', async () => {
    const seen: Headers[] = [];
    const client = new AdminClient(mock.url, {
      token: 't0ken',
      tenant: 'worker-1',
      fetch: (input, init) => {
        seen.push(new Headers(init?.headers));
        return fetch(input, init);
      },
    });
    await client.reset();
    expect(seen[0].get('authorization')).toBe('Bearer t0ken');
    expect(seen[0].get('x-authmock-tenant')).toBe('worker-1');
  });
});
