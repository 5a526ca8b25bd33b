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
  ['a handler for an operation no spec has', () => withHandlers('akana', (h) => ({ ...h, deleteEverything: h.resendActivation })), "API module 'akana' has a handler for 'deleteEverything', which spec 'akana' does not define (it has: resendActivation, login, signupUser, signupUserWithInvitationCode, verifySignup, completeSignup, sendPasswordResetCode, validatePasswordResetCode, authenticateWithPasswordResetCode, endSession, logout, renewToken, getUser, modifyUser, deleteUser, modifyPassword)"],
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

// A vendor's mail: its spec's mailKinds, its module's templates and the flows it composes must agree.
const withAccounts = (id: string, change: (a: NonNullable<ApiModule['accounts']>) => NonNullable<ApiModule['accounts']>): ApiModule[] =>
  discoverApis().map((m) => (m.id === id && m.accounts ? ({ ...m, accounts: change(m.accounts) } as ApiModule) : m));

test.each([
  [
    'a template for a kind the spec does not list',
    () => withAccounts('akana', (a) => ({ ...a, templates: { ...a.templates, 'mfa-code': a.templates.activation } })),
    "mock-server/apis/akana has a 'mfa-code' mail template, but specs/akana.openapi.yaml does not list 'mfa-code' in x-authmock-vendor.mailKinds",
  ],
  [
    'a kind the spec lists without a template',
    () => withAccounts('akana', (a) => ({ ...a, templates: { activation: a.templates.activation } })),
    "specs/akana.openapi.yaml lists 'password-reset' in x-authmock-vendor.mailKinds, but mock-server/apis/akana has no template for it",
  ],
])('start-up fails on %s, naming the file', async (_label, apis, message) => {
  const specs = await compiledSpecs();
  expect(() => createApp({ specs, apis: apis(), fixtures: [] })).toThrow(message);
});

test('start-up fails when a module composes a flow whose mail it does not send', async () => {
  const specs = await compiledSpecs();
  const apis = withAccounts('emnify', (a) => ({ ...a, flows: [...a.flows, 'passwordReset'] }));
  expect(() => createApp({ specs, apis, fixtures: [] })).toThrow("emnify composes the password reset flow, which mails 'password-reset' codes");
});

test('start-up fails when a module uses a flow it did not list', async () => {
  const specs = await compiledSpecs();
  const apis = withAccounts('akana', (a) => ({ ...a, flows: ['activation'] }));
  expect(() => createApp({ specs, apis, fixtures: [] })).toThrow('akana uses the passwordReset flow but does not list it');
});
