import { loadCompiledSpecs } from '../../contracts/core';
import { ContractClient } from '../../contracts/kit/client';
import { checkCredentials } from '../../contracts/kit/credentials';
import { readEnvironment } from '../../contracts/kit/environment';
import { vendorContract } from '../../contracts/kit/vendor-contracts';
import { stubServer, type StubReply, type StubServer } from '../support/stub-server';

// Credentials are proven before the credentialed tier runs; stub servers play the vendors.
const specs = loadCompiledSpecs(undefined, { validate: false });
let server: StubServer | undefined;

/** The check a vendor's contract file declares, against a base URL. */
async function check(vendor: string, base: string, credentials: Record<string, string>): Promise<string | undefined> {
  const spec = (await specs).get(vendor)!;
  return vendorContract(vendor).check!({ spec, client: new ContractClient(spec, base, { timeoutMs: 10_000 }), credentials });
}
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('EMnify: authenticate with the account', () => {
  test.each<[string, StubReply, string | undefined]>([
    ['accepted with an auth_token', { status: 200, body: { auth_token: 'a', refresh_token: 'r' } }, undefined],
    ['refused with 401 and no body', { status: 401 }, 'credentials for emnify were refused (401): check CONTRACT_EMNIFY_USERNAME and CONTRACT_EMNIFY_PASSWORD'],
    ['locked out (401 TooManyRequests)', { status: 401, body: { error_code: 1105, error_token: 'TooManyRequests' } }, 'credentials for emnify were refused (401): check CONTRACT_EMNIFY_USERNAME and CONTRACT_EMNIFY_PASSWORD'],
    ['a 200 without auth_token (no TypeError)', { status: 200, body: {} }, 'credentials for emnify were not proven: authenticate answered 200 without an auth_token'],
    ['a 200 that is not JSON', { status: 200, body: 'ok' }, 'credentials for emnify were not proven: authenticate answered 200 without an auth_token'],
    ['a server error', { status: 503 }, 'credentials for emnify could not be proven: authenticate answered 503'],
  ])('%s', async (_label, reply, expected) => {
    server = await stubServer(() => reply);
    expect(await check('emnify', server.url, { USERNAME: 'ci@emnify.example', PASSWORD: 'pw' })).toBe(expected);
  });

  test('sends the SHA-1 digest of the password, as EMnify clients do', async () => {
    const bodies: string[] = [];
    server = await stubServer((_method, _path, _headers, body) => {
      bodies.push(body);
      return { status: 200, body: { auth_token: 'a' } };
    });
    await check('emnify', server.url, { USERNAME: 'ci@emnify.example', PASSWORD: 'hunter22' });
    expect(bodies.map((b) => JSON.parse(b) as unknown)).toEqual([{ username: 'ci@emnify.example', password: '60b3af8bfe3735623c7d4a5ef749bb6ac1a4413a' }]);
  });
});

describe('Edge Impulse: a call that needs the JWT', () => {
  test.each<[string, StubReply, string | undefined]>([
    ['accepted (an unknown code answers 200 success:false)', { status: 200, body: { success: false, error: 'Invalid code' } }, undefined],
    ['a stale JWT (401)', { status: 401, body: { success: false, error: 'JWT expired' } }, 'credentials for edge-impulse were refused (401): check CONTRACT_EDGE_IMPULSE_JWT'],
    ['a forbidden JWT (403)', { status: 403 }, 'credentials for edge-impulse were refused (403): check CONTRACT_EDGE_IMPULSE_JWT'],
  ])('%s', async (_label, reply, expected) => {
    server = await stubServer(() => reply);
    expect(await check('edge-impulse', `${server.url}/v1`, { JWT: 'a.b.c' })).toBe(expected);
    expect(server.requests).toHaveLength(1);
  });
});

describe('checking every credential that is set', () => {
  test('checks only the vendors with credentials, and leaves an unreachable one to the reachability check', async () => {
    server = await stubServer((_m, url) => (url === '/api/v1/authenticate' ? { status: 401 } : { status: 200, body: { success: false } }));
    const { url } = server;
    const env = readEnvironment({ CONTRACT_BASE_URL: url, CONTRACT_EMNIFY_USERNAME: 'u', CONTRACT_EMNIFY_PASSWORD: 'p' });
    expect(await checkCredentials(env, await specs, { emnify: url, 'edge-impulse': `${url}/v1` })).toEqual([
      { vendor: 'emnify', refusal: 'credentials for emnify were refused (401): check CONTRACT_EMNIFY_USERNAME and CONTRACT_EMNIFY_PASSWORD' },
    ]);
    await server.close();
    server = undefined;
    expect(await checkCredentials(env, await specs, { emnify: url })).toEqual([{ vendor: 'emnify' }]);
  });
});
