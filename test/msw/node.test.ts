import { createHash } from 'node:crypto';
import { setupServer } from 'msw/node';
import { fixture } from '../support/harness';
import { createHandlers } from '../../mock-server/msw';

// The app calls the vendors' real URLs; msw answers them in-process, and nothing else may go out.
const { handlers, admin, vendors } = createHandlers();
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => admin.reset());
afterAll(() => server.close());

const EI = 'https://studio.edgeimpulse.com/v1';
const EMNIFY = 'https://cdn.emnify.net';
const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

describe('authmock inside msw in Node', () => {
  test('each vendor is answered at its spec server URL', () => {
    expect(vendors.map((v) => [v.vendor, v.base])).toEqual(
      expect.arrayContaining([
        ['edge-impulse', EI],
        ['emnify', EMNIFY],
        ['akana', 'https://developer.akana.example'],
      ]),
    );
  });

  test('an Edge Impulse user logs in at studio.edgeimpulse.com and reads themself with the token', async () => {
    const ei = fixture('edge-impulse', 'active');
    const login = await fetch(`${EI}/api-login`, json({ username: ei.username, password: ei.password }));
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    expect(login.headers.get('set-cookie')).toMatch(/^jwt=/);
    const me = await fetch(`${EI}/api/user`, { headers: { 'x-jwt-token': token } });
    expect(await me.json()).toMatchObject({ success: true, email: ei.email });
  });

  test('a pending EMnify user is activated with the key from admin.mailbox, then authenticates; a reset forgets it', async () => {
    const pending = fixture('emnify', 'pending activation');
    const mail = await admin.mailbox.waitFor({ to: pending.email, kind: 'activation' });
    expect(mail.code).toEqual(expect.any(String));
    const activated = await fetch(`${EMNIFY}/api/v1/user/activation`, json({ activationKey: mail.code, password: 'a-new-password-1' }));
    expect(activated.status).toBe(204);
    const auth = await fetch(`${EMNIFY}/api/v1/authenticate`, json({ username: pending.email, password: sha1('a-new-password-1') }));
    expect(auth.status).toBe(200);
    expect(await auth.json()).toMatchObject({ auth_token: expect.any(String), refresh_token: expect.any(String) });

    await admin.reset();
    const again = await fetch(`${EMNIFY}/api/v1/authenticate`, json({ username: pending.email, password: sha1('a-new-password-1') }));
    expect(again.status).toBe(401);
  });

  test('bad input gets the vendor envelope, and a fault rule set through admin shapes the next answer', async () => {
    const bad = await fetch(`${EMNIFY}/api/v1/authenticate`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"username":' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error_token: expect.any(String) });
    await admin.faults.add({ vendor: 'edge-impulse', operationId: 'login', status: 503, times: 1 });
    const faulted = await fetch(`${EI}/api-login`, json({ username: 'x', password: 'y' }));
    expect(faulted.status).toBe(503);
    expect(faulted.headers.get('x-authmock-fault')).toBe('fault-1');
    const requests = await admin.requests(5);
    expect(requests.map((r) => r.operationId)).toContain('login');
  });

  test('a dropped connection is a network error to the app', async () => {
    await admin.faults.add({ vendor: 'edge-impulse', operationId: 'login', drop: 'reset', times: 1 });
    await expect(fetch(`${EI}/api-login`, json({ username: 'x', password: 'y' }))).rejects.toThrow(TypeError);
  });

  test('the clock moves through admin: an expired token is refused', async () => {
    const ei = fixture('edge-impulse', 'active');
    const { token } = (await (await fetch(`${EI}/api-login`, json({ username: ei.username, password: ei.password }))).json()) as { token: string };
    await admin.clock.advance(400 * 24 * 3600 * 1000);
    const me = await fetch(`${EI}/api/user`, { headers: { 'x-jwt-token': token } });
    expect(me.status).toBe(401);
  });
});
