const { AdminClient } = require('authmock');

const url = process.env.AUTHMOCK_URL;
const admin = new AdminClient(url);

// Every test starts from the seeded accounts (README: "Seeded accounts").
beforeEach(() => admin.reset());

const post = (path, body, headers = {}) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

test('a pending Edge Impulse user activates with the code from the activation mail', async () => {
  const login = await post('/v1/api-login', { username: 'arnold-hudson', password: 'mild-lounge-21' });
  await expect(login.clone()).toSatisfyContract('edge-impulse', 'login');
  const { token } = await login.json();

  // Remember the newest mail so far (if any), ask for a new code, and wait for its mail: no sleeps.
  const [previous] = await admin.mailbox.list({ to: 'arnold.hudson@edgeimpulse.example' });
  await post('/v1/api/user/request-activation', {}, { 'x-jwt-token': token });
  const mail = await admin.mailbox.waitFor({ to: 'arnold.hudson@edgeimpulse.example', kind: 'activation', after: previous?.id ?? 0 });

  const activated = await post('/v1/api/user/activate', { code: mail.code }, { 'x-jwt-token': token });
  expect(await activated.json()).toEqual({ success: true });
  const [user] = await admin.users.find({ vendor: 'edge-impulse', email: 'arnold.hudson@edgeimpulse.example' });
  expect(user.status).toBe('active');
});

test('waitFor rejects with the filter in the message when no mail comes', async () => {
  await expect(admin.mailbox.waitFor({ to: 'nobody@edgeimpulse.example' }, { timeoutMs: 200 })).rejects.toThrow(
    'No e-mail matching {to=nobody@edgeimpulse.example} arrived within 200 ms',
  );
});
