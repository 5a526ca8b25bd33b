// node --test examples/msw-node/flow.test.mjs: the app's code calls the vendors' real URLs;
// msw hands every request to authmock in this process, and nothing else may go out.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, afterEach, before, test } from 'node:test';
import { setupServer } from 'msw/node';
import { createHandlers } from 'authmock/msw';

const { handlers, admin } = createHandlers();
const server = setupServer(...handlers);
before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => admin.reset());
after(() => server.close());

const post = (url, body) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const sha1 = (text) => createHash('sha1').update(text).digest('hex');

test('an Edge Impulse user logs in at studio.edgeimpulse.com', async () => {
  const res = await post('https://studio.edgeimpulse.com/v1/api-login', { username: 'margret-sporer', password: 'salty-scout-39' });
  assert.equal(res.status, 200);
  assert.equal((await res.json()).success, true);
});

test('a pending EMnify user is activated with the key from its mail, then authenticates', async () => {
  const mail = await admin.mailbox.waitFor({ to: 'myra.auer@emnify.example', kind: 'activation' });
  const activated = await post('https://cdn.emnify.net/api/v1/user/activation', { activationKey: mail.code, password: 'a-new-password-1' });
  assert.equal(activated.status, 204);
  const auth = await post('https://cdn.emnify.net/api/v1/authenticate', { username: 'myra.auer@emnify.example', password: sha1('a-new-password-1') });
  assert.equal(auth.status, 200);
  assert.ok((await auth.json()).auth_token);
});

test('after admin.reset() the user is pending again', async () => {
  const auth = await post('https://cdn.emnify.net/api/v1/authenticate', { username: 'myra.auer@emnify.example', password: sha1('a-new-password-1') });
  assert.equal(auth.status, 401);
});
