// A stand-in for your frontend: one page on http://localhost:APP_PORT that signs an
// Edge Impulse user up, activates the account and logs in against the mock at MOCK_URL.
// The browser keeps the mock's `jwt` cookie and sends it back (credentials: 'include').
const http = require('node:http');

const port = Number(process.env.APP_PORT ?? 3000);
const api = `${process.env.MOCK_URL ?? 'http://localhost:4010'}/v1`;

const script = `
const API = ${JSON.stringify(api)};
const root = document.getElementById('app');
const call = (method, path, body) => fetch(API + path, {
  method, credentials: 'include',
  headers: body ? { 'Content-Type': 'application/json' } : {},
  body: body && JSON.stringify(body),
}).then((r) => r.json());
const field = (label, name, type = 'text') => '<p><label>' + label + ' <input name="' + name + '" type="' + type + '" required></label></p>';

// One form at a time; its submit handler answers an API result, whose error is shown.
function view(html, submit) {
  root.innerHTML = html + '<p role="alert"></p>';
  const form = root.querySelector('form');
  if (!form) return;
  form.onsubmit = async (event) => {
    event.preventDefault();
    const result = await submit(Object.fromEntries(new FormData(form)));
    if (result && !result.success) root.querySelector('[role=alert]').textContent = result.error;
  };
}

function signUp() {
  view('<h1>Sign up</h1><form>' + field('Name', 'name') + field('Username', 'username') + field('E-mail', 'email', 'email') +
    field('Password', 'password', 'password') + '<button>Sign up</button></form>', async (data) => {
    const created = await call('POST', '/api-user-create', { ...data, privacyPolicy: true, turnstileResponse: 'stand-in' });
    if (!created.success) return created;
    // A pending user may log in: the cookie is what activation needs.
    const login = await call('POST', '/api-login', { username: data.username, password: data.password });
    if (login.success) activate();
    return login;
  });
}

function activate() {
  view('<h1>Check your mail</h1><form>' + field('Activation code', 'code') + '<button>Activate</button></form>', async ({ code }) => {
    const activated = await call('POST', '/api/user/activate', { code });
    if (activated.success) logIn();
    return activated;
  });
}

function logIn() {
  view('<h1>Log in</h1><p>Your account is active.</p><form>' + field('Username', 'username') + field('Password', 'password', 'password') +
    '<button>Log in</button></form>', async (data) => {
    const login = await call('POST', '/api-login', data);
    if (!login.success) return login;
    const me = await call('GET', '/api/user');
    if (me.success) view('<h1>Welcome</h1><p>Signed in as ' + me.username + '</p>');
    return me;
  });
}

signUp();
`;

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign up</title></head>
<body><main id="app"></main><script>${script}</script></body></html>`;

const server = (host) =>
  http
    .createServer((req, res) => {
      const found = req.url === '/';
      res.writeHead(found ? 200 : 404, { 'Content-Type': found ? 'text/html; charset=utf-8' : 'text/plain' });
      res.end(found ? page : 'not found');
    })
    .listen(port, host);

// localhost on both loopback addresses, as the mock does; [::1] only where the machine has IPv6.
server('127.0.0.1');
server('::1').on('error', () => undefined);
console.log(`app on http://localhost:${port}, calling ${api}`);
