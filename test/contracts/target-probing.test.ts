import { loadCompiledSpecs } from '../../contracts/core';
import { readEnvironment } from '../../contracts/kit/environment';
import { prepareRun } from '../../contracts/kit/prepare';
import { probeTenants } from '../../contracts/kit/tenants';
import { stubServer, type StubReply, type StubServer } from '../support/stub-server';

// What the kit finds out about a target before the suites run, against stub servers.
const specs = loadCompiledSpecs(undefined, { validate: false });
const ADMIN_USERS: StubReply = { status: 200, body: { users: [] } };

function authmockLike(options: { tenants: boolean }) {
  return (_method: string, path: string): StubReply => {
    if (path.includes('/__admin/users?')) return ADMIN_USERS;
    if (path === '/__admin/tenants') return options.tenants ? { status: 200, body: { tenants: [] } } : { status: 404, body: { title: 'Not Found' } };
    return { status: 200 };
  };
}

let server: StubServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the flow tier gets a fresh tenant only where the target has tenants', () => {
  test('a target with tenants: the fresh tenant is on the server root, even when the base carries a prefix', async () => {
    server = await stubServer(authmockLike({ tenants: true }));
    const env = readEnvironment({ CONTRACT_BASE_URL: `${server.url}/__tenants/ci` });
    const facts = await prepareRun(env, await specs);
    expect(facts.admin).toBe(`${server.url}/__tenants/ci`);
    expect(facts.tenant).toEqual({ root: server.url, name: expect.stringMatching(/^contract-/) });
    expect(server.requests).toEqual(expect.arrayContaining(['HEAD /__tenants/ci/v1', 'HEAD /__tenants/ci', 'GET /__tenants/ci/__admin/users?email=contract-probe%40example.invalid', 'GET /__admin/tenants']));
    expect(facts.unreachable).toEqual({});
  });

  test('an authmock without tenants (404): the flow tier runs as before, without a tenant', async () => {
    server = await stubServer(authmockLike({ tenants: false }));
    const facts = await prepareRun(readEnvironment({ CONTRACT_BASE_URL: server.url }), await specs);
    expect(facts.admin).toBe(server.url);
    expect(facts.tenant).toBeUndefined();
  });

  test('a server without the admin API: no flow tier, and no tenant probe', async () => {
    server = await stubServer(() => ({ status: 404 }));
    const facts = await prepareRun(readEnvironment({ CONTRACT_BASE_URL: server.url }), await specs);
    expect(facts.admin).toBeUndefined();
    expect(facts.adminReason).toContain('GET /__admin/users answered 404');
    expect(server.requests).not.toContain('GET /__admin/tenants');
  });

  test('a run without the flow tier does not look for tenants', async () => {
    server = await stubServer(authmockLike({ tenants: true }));
    const facts = await prepareRun(readEnvironment({ CONTRACT_BASE_URL: server.url, CONTRACT_TIERS: 'public' }), await specs);
    expect(facts.tenant).toBeUndefined();
    expect(server.requests).not.toContain('GET /__admin/tenants');
  });

  test('the admin token goes with every admin probe', async () => {
    const seen: (string | undefined)[] = [];
    server = await stubServer((method, path, headers) => {
      if (path.includes('/__admin/')) seen.push(headers.authorization);
      return authmockLike({ tenants: true })(method, path);
    });
    await prepareRun(readEnvironment({ CONTRACT_BASE_URL: server.url, CONTRACT_ADMIN_TOKEN: 't0ken' }), await specs);
    expect(seen).toEqual(['Bearer t0ken', 'Bearer t0ken']);
  });

  test.each<[string, StubReply]>([
    ['a 200 that is not a tenant list', { status: 200, body: { users: [] } }],
    ['a 200 that is not JSON', { status: 200, body: '<html></html>' }],
    ['a 401 (an admin token is needed)', { status: 401 }],
  ])('%s means no tenants', async (_label, reply) => {
    server = await stubServer(() => reply);
    expect(await probeTenants(server.url)).toEqual({ supported: false, reason: expect.stringContaining(`GET ${server.url}/__admin/tenants answered`) });
  });

  test('a target that does not answer means no tenants', async () => {
    server = await stubServer(() => ({ status: 200 }));
    const { url } = server;
    await server.close();
    server = undefined;
    expect(await probeTenants(url)).toEqual({ supported: false, reason: expect.stringContaining('failed') });
  });
});

describe('targets that cannot be reached', () => {
  test('are named with the URL and why', async () => {
    server = await stubServer(() => ({ status: 200 }));
    const { url } = server;
    await server.close();
    server = undefined;
    const facts = await prepareRun(readEnvironment({ CONTRACT_AKANA_URL: url, CONTRACT_TIERS: 'public' }), await specs);
    expect(facts.unreachable).toEqual({ akana: `${url} cannot be reached (ECONNREFUSED)` });
  });
});
