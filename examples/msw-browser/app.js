// Signs an Edge Impulse user up, reads the activation code through the in-page admin,
// activates, logs in, and writes the verdict into the page. The requests go to the
// vendor's real URL; msw's service worker hands them to authmock in this page.
import { createHandlers, setupWorker } from '/authmock-msw.js';

const EI = 'https://studio.edgeimpulse.com/v1';
const result = document.getElementById('result');
const steps = document.getElementById('steps');

function step(text) {
  const li = document.createElement('li');
  li.textContent = text;
  steps.append(li);
}

async function call(path, { body, token } = {}) {
  const headers = { 'Content-Type': 'application/json', ...(token ? { 'x-jwt-token': token } : {}) };
  const res = await fetch(`${EI}${path}`, { method: body === undefined ? 'GET' : 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const answer = await res.json();
  if (!res.ok || answer.success === false) throw new Error(`${path} answered ${res.status}: ${answer.error ?? JSON.stringify(answer)}`);
  return answer;
}

async function main() {
  const started = performance.now();
  const { handlers, admin } = createHandlers();
  step(`createHandlers() in ${(performance.now() - started).toFixed(0)} ms`);
  const worker = setupWorker(...handlers);
  await worker.start({ onUnhandledRequest: 'error', quiet: true, serviceWorker: { url: '/mockServiceWorker.js' } });

  const user = { username: 'browser-user', name: 'Browser User', email: 'browser.user@example.com', password: 'browser-password-1' };
  await call('/api-user-create', { body: { ...user, privacyPolicy: true, turnstileResponse: 'any' } });
  step(`signed up ${user.email}`);
  const mail = await admin.mailbox.waitFor({ to: user.email, kind: 'activation' });
  step(`activation code ${mail.code} read from the mailbox`);
  const { token } = await call('/api-login', { body: { username: user.username, password: user.password } });
  step('logged in');
  await call('/api/user/activate', { body: { code: mail.code }, token });
  const me = await call('/api/user', { token });
  if (!me.activated) throw new Error('the user is not activated');
  step(`${me.email} is activated`);
  result.textContent = 'RESULT: ok';
}

main().catch((err) => {
  result.textContent = `RESULT: failed: ${err.message}`;
});
