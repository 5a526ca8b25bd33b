import { discoverApis } from '../../mock-server/apis';
import { createApp } from '../../mock-server/create-app';
import type { ApiModule } from '../../mock-server/http/types';
import { compiledSpecs } from '../support/harness';

// Start-up compares the specs with the API modules and refuses to run on any mismatch.
const withHandlers = (id: string, change: (h: ApiModule['handlers']) => ApiModule['handlers']): ApiModule[] =>
  discoverApis().map((m) => (m.id === id ? { ...m, handlers: change({ ...m.handlers }) } : m));

test.each([
  [
    'an operation without a handler',
    () =>
      withHandlers('emnify', (h) => {
        delete h.authenticate;
        return h;
      }),
    "operation 'authenticate' (POST /api/v1/authenticate) of spec 'emnify' has no handler",
  ],
  ['a handler for an operation no spec has', () => withHandlers('akana', (h) => ({ ...h, deleteUser: h.resendActivation })), "API module 'akana' has a handler for 'deleteUser', which spec 'akana' does not define (it has: resendActivation, login, signupUser, verifySignup, completeSignup, sendPasswordResetCode, validatePasswordResetCode, authenticateWithPasswordResetCode)"],
  ['a spec without a module', () => discoverApis().filter((m) => m.id !== 'akana'), "spec 'akana' has no API module (expected mock-server/apis/akana/)"],
])('start-up fails on %s, with a message naming it', async (_label, apis, message) => {
  const specs = await compiledSpecs();
  expect(() => createApp({ specs, apis: apis(), fixtures: [] })).toThrow(message);
});

test('start-up fails on two operations on one method and path, naming both', async () => {
  const specs = new Map(await compiledSpecs());
  // A copy of EMnify's user look-up in the Akana spec, its parameter renamed: the same requests either way.
  const original = specs.get('emnify')!.byOperationId.get('user-by-id-get')!;
  const shadow = { ...original, spec: 'akana', operationId: 'shadow', path: '/api/v1/user/{id}', fullPath: '/api/v1/user/{id}' };
  const akana = specs.get('akana')!;
  specs.set('akana', { ...akana, operations: [...akana.operations, shadow], byOperationId: new Map([...akana.byOperationId, ['shadow', shadow]]) });
  const apis = withHandlers('akana', (h) => ({ ...h, shadow: h.login }));
  expect(() => createApp({ specs, apis, fixtures: [] })).toThrow('akana shadow (GET /api/v1/user/{id}) and emnify user-by-id-get (GET /api/v1/user/{user_id})');
});

test('the real modules match the specs', async () => {
  const specs = await compiledSpecs();
  expect(() => createApp({ specs, fixtures: [] })).not.toThrow();
});
