import fs from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import type { Response } from 'supertest';
import { sha1Hex } from '../../mock-server/apis/emnify/accounts';
import { currentTotp } from '../../mock-server/domain/totp';
import { startMock, type RunningMock } from '../../mock-server/server';
import type { VendorId } from '../../mock-server/generated/vendors';
import { compiledSpecs, createHarness, fixture, type Harness } from '../support/harness';
import { tempMocks } from '../support/temp-mocks';

/**
 * A token belongs to the world that issued it (the default world or one
 * tenant) and to one incarnation of that world: another world, or the same
 * world after a reset, refuses it as it refuses any invalid token, and the
 * user who has the same id there is never touched.
 */

const ei = fixture('edge-impulse', 'active');
const emnify = fixture('emnify', 'active');
const emnifyMfa = fixture('emnify', 'active, MFA enabled');
const akana = fixture('akana', 'active');

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => expect(h.violations()).toEqual([]));

/** A world by name: null is the default world, reached with no prefix. */
type WorldName = string | null;
const named = (world: WorldName): string => world ?? 'the default world';
const at = (world: WorldName, p: string): string => (world === null ? p : `/__tenants/${world}${p}`);
const runtimeOf = (world: WorldName) => (world === null ? h.app.worlds.default : h.app.worlds.tenant(world)).runtime;
const userIn = (world: WorldName, vendor: VendorId, email: string) => runtimeOf(world).users.byEmail(vendor, email)!;
const mfaKeysIn = (world: WorldName, vendor: VendorId, email: string) => runtimeOf(world).vendors.get(vendor)!.accounts.mfa.keys(userIn(world, vendor, email));
const reset = async (world: WorldName) => void (await h.request.post(at(world, '/__admin/reset')).expect(204));
const setCookie = (res: Response, name: string): string => {
  const header = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith(`${name}=`));
  if (!header) throw new Error(`no ${name} cookie`);
  return header.slice(name.length + 1).split(';')[0];
};

interface Credential {
  label: string;
  /** Logs in in a world and returns the token or cookie value. */
  mint(world: WorldName): Promise<string>;
  /** An authenticated call with the credential in a world. */
  use(world: WorldName, token: string): Promise<Response>;
  /** What the call changes for the user the token names, if it were accepted (an MFA key); none for a call that only answers tokens. */
  sideEffect?: { vendor: VendorId; email: string };
}

const eiCreateKey = (world: WorldName, set: Record<string, string>) => h.request.post(at(world, '/v1/api/user/mfa/totp/create-key')).set('Content-Type', 'application/json').set(set).send('');
const eiLogin = (world: WorldName) => h.request.post(at(world, '/v1/api-login')).send({ username: ei.username, password: ei.password }).expect(200);
const emnifyLogin = (world: WorldName, who = emnify) => h.request.post(at(world, '/api/v1/authenticate')).send({ username: who.username, password: sha1Hex(who.password!) }).expect(200);

const credentials: Credential[] = [
  {
    label: 'an Edge Impulse JWT (x-jwt-token)',
    mint: async (world) => (await eiLogin(world)).body.token as string,
    use: (world, token) => eiCreateKey(world, { 'x-jwt-token': token }),
    sideEffect: { vendor: 'edge-impulse', email: ei.email },
  },
  {
    label: 'the Edge Impulse jwt cookie',
    mint: async (world) => setCookie(await eiLogin(world), 'jwt'),
    use: (world, token) => eiCreateKey(world, { Cookie: `jwt=${token}` }),
    sideEffect: { vendor: 'edge-impulse', email: ei.email },
  },
  {
    label: 'an EMnify auth_token',
    mint: async (world) => (await emnifyLogin(world)).body.auth_token as string,
    use: (world, token) => h.request.post(at(world, '/api/v1/user/mfa')).set('Authorization', `Bearer ${token}`).send({ type: { id: 1 }, password: emnify.password }),
    sideEffect: { vendor: 'emnify', email: emnify.email },
  },
  {
    label: 'an EMnify refresh_token',
    mint: async (world) => (await emnifyLogin(world)).body.refresh_token as string,
    use: (world, token) => h.request.post(at(world, '/api/v1/authenticate')).send({ refresh_token: token }),
  },
  {
    label: 'an EMnify mfa_token',
    mint: async (world) => (await emnifyLogin(world, emnifyMfa)).body.mfa_token as string,
    use: (world, token) => h.request.post(at(world, '/api/v1/authenticate')).send({ mfa_token: token, code: currentTotp(emnifyMfa.mfaSecret!, runtimeOf(world).clock.now()) }),
  },
];

/** The answer to the same call with a token that was never valid: a foreign token must get exactly this. */
const refusal = async (c: Credential, world: WorldName) => {
  const res = await c.use(world, 'not-a-token');
  return { status: res.status, body: res.body as unknown };
};

describe.each(credentials)('$label', (c) => {
  test.each(
    ([
      ['w1', 'w2'],
      ['w1', null],
      [null, 'w1'],
    ] as [WorldName, WorldName][]).map(([from, to]) => [named(from), named(to), from, to] as const),
  )('minted in %s is refused in %s as an invalid token, and the user with the same id there is untouched', async (_from, _to, from, to) => {
    const token = await c.mint(from);
    const expected = await refusal(c, to);
    expect(expected.status).toBe(401);
    const res = await c.use(to, token);
    expect({ status: res.status, body: res.body as unknown }).toEqual(expected);
    if (c.sideEffect) {
      expect(userIn(to, c.sideEffect.vendor, c.sideEffect.email).id).toBe(userIn(from, c.sideEffect.vendor, c.sideEffect.email).id);
      expect(mfaKeysIn(to, c.sideEffect.vendor, c.sideEffect.email)).toEqual([]);
    }
    // In its own world the token still works.
    expect((await c.use(from, token)).status).toBe(200);
  });

  test.each((['w1', null] as WorldName[]).map((world) => [named(world), world] as const))('minted before a reset of %s is refused after it, and a fresh login works', async (_label, world) => {
    const token = await c.mint(world);
    const expected = await refusal(c, world);
    await reset(world);
    const res = await c.use(world, token);
    expect({ status: res.status, body: res.body as unknown }).toEqual(expected);
    if (c.sideEffect) expect(mfaKeysIn(world, c.sideEffect.vendor, c.sideEffect.email)).toEqual([]);
    expect((await c.use(world, await c.mint(world))).status).toBe(200);
  });

  test('minted in a tenant that was deleted and named again is refused', async () => {
    const token = await c.mint('w1');
    await h.request.delete('/__admin/tenants/w1').expect(204);
    const expected = await refusal(c, 'w1');
    const res = await c.use('w1', token);
    expect({ status: res.status, body: res.body as unknown }).toEqual(expected);
  });

  test('minted before a state import is refused after it', async () => {
    const token = await c.mint('w1');
    const doc = (await h.request.get(at('w1', '/__admin/state')).expect(200)).body as object;
    await h.request.put(at('w1', '/__admin/state')).send(doc).expect(204);
    const expected = await refusal(c, 'w1');
    const res = await c.use('w1', token);
    expect({ status: res.status, body: res.body as unknown }).toEqual(expected);
  });
});

describe('the Akana session cookie', () => {
  // No Akana operation of the mock takes the cookie back; its claims say where it belongs, and the token service of any other world or incarnation refuses it.
  const login = async (world: WorldName) => setCookie(await h.request.post(at(world, '/api/login')).send({ email: akana.email, password: akana.password }).expect(200), 'AtmoAuthToken_authmock');
  const verifyIn = (world: WorldName, token: string) => () => runtimeOf(world).tokens.verify(token, 'akana', 'access');

  test('names its world and incarnation, and only that world accepts it', async () => {
    const token = await login('w1');
    expect(jwt.decode(token)).toMatchObject({ wld: 'w1', ep: runtimeOf('w1').tokens.epoch });
    expect(verifyIn('w1', token)).not.toThrow();
    expect(verifyIn('w2', token)).toThrow(expect.objectContaining({ code: 'TOKEN_INVALID' }));
    expect(verifyIn(null, token)).toThrow(expect.objectContaining({ code: 'TOKEN_INVALID' }));
  });

  test('is refused after a reset of its world, and a new login gives another', async () => {
    const token = await login('w1');
    await reset('w1');
    expect(verifyIn('w1', token)).toThrow(expect.objectContaining({ code: 'TOKEN_INVALID' }));
    const fresh = await login('w1');
    expect(fresh).not.toBe(token);
    expect(verifyIn('w1', fresh)).not.toThrow();
  });
});

describe('tokens minted by a test with the configured secret', () => {
  test('a token naming another world is refused; one naming no world is accepted anywhere, as before', async () => {
    const m = await createHarness({ config: { jwtSecret: 'fixed-test-secret' } });
    const user = m.runtime.users.byEmail('edge-impulse', ei.email)!;
    const iat = Math.floor(m.clock.now() / 1000);
    const mint = (extra: object) => jwt.sign({ sub: String(user.id), vendor: 'edge-impulse', typ: 'access', pwv: user.passwordVersion, iat, exp: iat + 3600, ...extra }, 'fixed-test-secret', { algorithm: 'HS256' });
    const me = (p: string, token: string) => m.request.get(p).set('x-jwt-token', token);
    await me('/v1/api/user', mint({})).expect(200);
    await me('/__tenants/w1/v1/api/user', mint({})).expect(200);
    await me('/v1/api/user', mint({ wld: 'w1' })).expect(401);
    await me('/__tenants/w1/v1/api/user', mint({ wld: 'default' })).expect(401);
    await me('/v1/api/user', mint({ wld: 'default', ep: 'an-earlier-one' })).expect(401);
  });
});

describe('a restart', () => {
  const tmp = tempMocks('authmock-tokens-');
  async function start(stateFile: string | undefined, freshState = false): Promise<RunningMock> {
    const mock = await startMock({ port: 0, host: '127.0.0.1', specs: await compiledSpecs(), stateFile, freshState, config: { jwtSecret: 'restart-secret' }, logger: { warn: () => undefined, error: () => undefined } });
    tmp.keep(mock);
    return mock;
  }
  const stop = async (mock: RunningMock): Promise<void> => {
    tmp.forget(mock);
    await mock.close();
  };
  const json = (url: string, body: unknown, headers: Record<string, string> = {}) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const worldUrl = (mock: RunningMock, world: WorldName) => (world === null ? mock.url : `${mock.url}/__tenants/${world}`);

  interface Held {
    eiToken: string;
    auth: string;
    refresh: string;
    akana: string;
  }
  async function logIn(mock: RunningMock, world: WorldName): Promise<Held> {
    const base = worldUrl(mock, world);
    const eiRes = await json(`${base}/v1/api-login`, { username: ei.username, password: ei.password });
    const em = (await (await json(`${base}/api/v1/authenticate`, { username: emnify.username, password: sha1Hex(emnify.password!) })).json()) as { auth_token: string; refresh_token: string };
    const ak = await json(`${base}/api/login`, { email: akana.email, password: akana.password });
    const akCookie = ak.headers.getSetCookie().find((c) => c.startsWith('AtmoAuthToken_authmock='))!;
    return { eiToken: ((await eiRes.json()) as { token: string }).token, auth: em.auth_token, refresh: em.refresh_token, akana: akCookie.split(';')[0].split('=')[1] };
  }
  /** The status each held token gets: EI getCurrentUser by header and by cookie, EMnify GET user, EMnify refresh, and whether the world's token service takes the Akana cookie. */
  async function statuses(mock: RunningMock, world: WorldName, t: Held): Promise<unknown[]> {
    const base = worldUrl(mock, world);
    const runtime = (world === null ? mock.app.worlds.default : mock.app.worlds.tenant(world)).runtime;
    let akanaOk = true;
    try {
      runtime.tokens.verify(t.akana, 'akana', 'access');
    } catch {
      akanaOk = false;
    }
    return [
      (await fetch(`${base}/v1/api/user`, { headers: { 'x-jwt-token': t.eiToken } })).status,
      (await fetch(`${base}/v1/api/user`, { headers: { cookie: `jwt=${t.eiToken}` } })).status,
      (await fetch(`${base}/api/v1/user/${encodeURIComponent(emnify.email)}`, { headers: { authorization: `Bearer ${t.auth}` } })).status,
      (await json(`${base}/api/v1/authenticate`, { refresh_token: t.refresh })).status,
      akanaOk,
    ];
  }

  test.each([['the default world', null], ['a tenant', 'worker-1']] as [string, WorldName][])('with the state file keeps the tokens of %s valid', async (_label, world) => {
    const file = path.join(tmp.dir, 'state.json');
    const first = await start(file);
    const held = await logIn(first, world);
    expect(await statuses(first, world, held)).toEqual([200, 200, 200, 200, true]);
    await stop(first);
    const second = await start(file);
    expect(await statuses(second, world, held)).toEqual([200, 200, 200, 200, true]);
    // A reset after the restart still ends them.
    await json(`${worldUrl(second, world)}/__admin/reset`, {});
    expect(await statuses(second, world, held)).toEqual([401, 401, 401, 401, false]);
  });

  test('the file keeps each world\'s epoch; the admin export leaves it out, and an import of the file does not take it', async () => {
    const file = path.join(tmp.dir, 'state.json');
    const mock = await start(file);
    const held = await logIn(mock, 'worker-1');
    await stop(mock);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { world: { epoch?: string }; tenants: Record<string, { epoch?: string }> };
    expect(saved.world.epoch).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]+$/));
    expect(saved.tenants['worker-1'].epoch).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]+$/));
    expect(saved.tenants['worker-1'].epoch).not.toBe(saved.world.epoch);

    const second = await start(file);
    const exported = (await (await fetch(`${second.url}/__admin/state`)).json()) as { world: object; tenants: Record<string, object> };
    expect(exported.world).not.toHaveProperty('epoch');
    expect(exported.tenants['worker-1']).not.toHaveProperty('epoch');
    expect(await statuses(second, 'worker-1', held)).toEqual([200, 200, 200, 200, true]);
    const put = await fetch(`${second.url}/__admin/state`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(saved) });
    expect(put.status).toBe(204);
    expect(await statuses(second, 'worker-1', held)).toEqual([401, 401, 401, 401, false]);
  });

  test.each([
    ['without a state file', false, false],
    ['with --fresh-state', true, true],
  ])('%s ends the tokens, though the secret is the same', async (_label, withFile, fresh) => {
    const file = path.join(tmp.dir, 'state.json');
    const first = await start(withFile ? file : undefined);
    const held = await logIn(first, null);
    await stop(first);
    const second = await start(withFile ? file : undefined, fresh);
    expect(await statuses(second, null, held)).toEqual([401, 401, 401, 401, false]);
  });
});
