import fs from 'node:fs';
import path from 'node:path';
import { startMock, type RunningMock } from '../../mock-server/server';
import { launch, screenshot, seriousViolations, unavailableReason, type BrowserSession } from './support/chromium';
import { consoleSuite, until } from './support/console-suite';

// Real Chromium against a listening mock. The console's modules come from `npm run build`.
const reason = unavailableReason();
// Live updates, fault rules and tenants are other parts of the admin API; their tests run once the spec has them.
const ADMIN_SPEC = fs.readFileSync(path.join(__dirname, '..', '..', 'specs', 'admin.openapi.yaml'), 'utf8');
const specified = (p: string): boolean => ADMIN_SPEC.includes(`\n  ${p}:\n`);
const TENANTS_SPECIFIED = specified('/tenants');
const withEvents = specified('/events') ? test : test.skip;
const withFaults = specified('/faults') ? test : test.skip;
const suite = reason ? describe.skip : describe;

suite(reason ? `the developer console in Chromium (skipped: ${reason})` : 'the developer console in Chromium', () => {
  const s = consoleSuite();
  const { api, open, requestActivationOutsideTheBrowser } = s;

  withEvents('an open mailbox shows a new activation mail within a second of an API call made outside the browser, and its app link', async () => {
    const page = await open('mailbox');
    await page.locator('article.message').first().waitFor();
    const { code } = await requestActivationOutsideTheBrowser();
    const message = page.locator('article.message', { hasText: code });
    await message.waitFor({ state: 'visible', timeout: 1000 });
    expect(await message.locator('.code').textContent()).toBe(code);
    expect(await message.getByRole('link', { name: 'Open in my app' }).getAttribute('href')).toBe(`http://localhost:3000/activate?code=${code}`);
    await screenshot(page, 'mailbox');
  });

  test('the copy button puts the code on the clipboard', async () => {
    const { code } = await requestActivationOutsideTheBrowser();
    const page = await open('mailbox');
    await page.getByRole('button', { name: `Copy code ${code}` }).click();
    await page.getByRole('status').filter({ hasText: 'Code copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  });

  test('a user created through the form is listed and exists over the API', async () => {
    const page = await open('users');
    await page.locator('#new-vendor').selectOption('akana');
    await page.locator('#new-email').fill('form.user@akana.example');
    await page.locator('#new-password').fill('form-password-1');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.locator('tr[data-user="form.user@akana.example"]').waitFor();
    const listed = await api<{ users: { status: string }[] }>('/__admin/users?vendor=akana&email=form.user@akana.example');
    expect(listed.body.users).toEqual([expect.objectContaining({ status: 'active' })]);
    await screenshot(page, 'users');
  });

  test('a status changed in the list is the status over the API', async () => {
    const page = await open('users');
    await page.getByLabel('Status of rubie.gibson@emnify.example').selectOption('suspended');
    const status = async (): Promise<string> => (await api<{ users: { status: string }[] }>('/__admin/users?vendor=emnify&email=rubie.gibson@emnify.example')).body.users[0].status;
    await until('the API shows the user suspended', async () => (await status()) === 'suspended');
    await page.getByRole('status').filter({ hasText: 'rubie.gibson@emnify.example is now suspended' }).waitFor();
  });

  test("an invalid form shows the admin API's own message beside the field", async () => {
    const body = { vendor: 'emnify', email: 'not-an-address', password: 'form-password-1' };
    const direct = await api<{ errors: { field: string; message: string }[] }>('/__admin/users', { body });
    expect(direct.status).toBe(400);
    const message = direct.body.errors.find((e) => e.field === 'email')!.message;
    const page = await open('users');
    await page.locator('#new-vendor').selectOption('emnify');
    await page.locator('#new-email').fill(body.email);
    await page.locator('#new-password').fill(body.password);
    await page.getByRole('button', { name: 'Create user' }).click();
    const shown = page.locator('#new-email-error');
    await shown.waitFor();
    expect(await shown.textContent()).toBe(message);
    expect(await page.locator('#new-email').getAttribute('aria-describedby')).toBe('new-email-error');
  });

  test('+1 h moves the clock shown by an hour', async () => {
    const page = await open('clock');
    const now = page.getByTestId('mock-now');
    await until('the clock is shown', async () => (await now.getAttribute('data-now')) !== null);
    const before = Date.parse((await now.getAttribute('data-now'))!);
    const shownBefore = await now.locator('time').getAttribute('datetime');
    await page.getByRole('button', { name: '+1 h' }).click();
    await until('the clock shown is an hour later', async () => Date.parse((await now.getAttribute('data-now'))!) >= before + 3_600_000);
    const shownAfter = await now.locator('time').getAttribute('datetime');
    expect(Date.parse(shownAfter!) - Date.parse(shownBefore!)).toBeGreaterThanOrEqual(3_600_000);
    await page.getByText('1 h ahead of real time').waitFor();
  });

  test('requests made by an app are listed, and an entry expands to its exchange', async () => {
    await requestActivationOutsideTheBrowser();
    const page = await open('requests');
    const row = page.locator('tr', { hasText: '/v1/api-login' });
    await row.waitFor();
    await row.getByRole('button').click();
    await page.getByRole('heading', { name: 'Response' }).waitFor();
    await screenshot(page, 'requests');
  });

  withEvents('the users and requests views follow changes made outside the browser', async () => {
    const users = await open('users');
    await users.locator('tr[data-user]').first().waitFor();
    await api('/__admin/users', { body: { vendor: 'emnify', email: 'live.user@emnify.example', status: 'pending' } });
    await users.locator('tr[data-user="live.user@emnify.example"]').waitFor({ timeout: 2000 });
    const requests = await open('requests');
    await api('/v1/api-login', { body: { username: 'margret-sporer', password: 'wrong-password-1' } });
    await requests.locator('tr', { hasText: '/v1/api-login' }).waitFor({ timeout: 2000 });
  });

  test('Reset asks first, then puts the mock back to the fixtures and the clock to real time', async () => {
    await api('/__admin/users', { body: { vendor: 'akana', email: 'to.be.reset@akana.example', password: 'password-1' } });
    await api('/__admin/clock', { body: { advanceMs: 86_400_000 } });
    const page = await open('clock');
    await page.getByText('1 d ahead of real time').waitFor();
    page.once('dialog', (d) => void d.dismiss());
    await page.getByRole('button', { name: 'Reset…' }).click();
    expect((await api<{ users: unknown[] }>('/__admin/users?vendor=akana&email=to.be.reset@akana.example')).body.users).toHaveLength(1);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Reset…' }).click();
    await page.getByText('Real time', { exact: true }).waitFor();
    expect((await api<{ users: unknown[] }>('/__admin/users?vendor=akana&email=to.be.reset@akana.example')).body.users).toEqual([]);
    await page.setViewportSize({ width: 380, height: 800 });
    await screenshot(page, 'clock-narrow');
  });

  test('the views can be reached with the keyboard alone', async () => {
    const page = await open('mailbox');
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Users') break;
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Users', level: 2 }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/users');
  });

  test.each([['mailbox'], ['mailbox/1'], ['users'], ['requests?status=200'], ['clock'], ['tenants'], ...(specified('/faults') ? [['faults']] : [])])('the %s view has no serious or critical accessibility violations, and fits a narrow window', async (view) => {
    await requestActivationOutsideTheBrowser();
    const page = await open(view);
    await page.waitForTimeout(300);
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 380, height: 800 });
    const widest = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => `${e.tagName}.${e.className}`).slice(0, 5));
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth) ? [] : widest).toEqual([]);
  });

  withFaults('a fault rule added through the form is listed, exists over the API and can be removed; a bad one shows the API message', async () => {
    const page = await open('faults');
    await page.locator('#fault-vendor').selectOption('edge-impulse');
    await page.locator('#fault-operationId').selectOption('login');
    await page.locator('#fault-status').fill('503');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await until('the rule is listed over the API', async () => (await api<{ faults: unknown[] }>('/__admin/faults')).body.faults.length === 1);
    const id = (await api<{ faults: { id: string }[] }>('/__admin/faults')).body.faults[0].id;
    await page.getByRole('button', { name: `Remove rule ${id}` }).click();
    await until('the rule is gone over the API', async () => (await api<{ faults: unknown[] }>('/__admin/faults')).body.faults.length === 0);

    await page.locator('#fault-status').fill('99');
    await page.getByRole('button', { name: 'Add rule' }).click();
    const direct = await api<{ errors: { field: string; message: string }[] }>('/__admin/faults', { body: { status: 99 } });
    await page.locator('#fault-status-error').waitFor();
    expect(await page.locator('#fault-status-error').textContent()).toBe(direct.body.errors.find((e) => e.field === 'status')!.message);
  });

  // Tenants come with the state and tenants work; the view is tested once the admin spec has them.
  (TENANTS_SPECIFIED ? test : test.skip)('a tenant chosen in the header shows that tenant\'s world, and the URL keeps it', async () => {
    await api('/__tenants/console-w1/__admin/users', { body: { vendor: 'akana', email: 'tenant.only@akana.example', password: 'password-1' } });
    const page = await open('users');
    await page.locator('tr[data-user]').first().waitFor();
    expect(await page.locator('tr[data-user="tenant.only@akana.example"]').count()).toBe(0);
    await page.getByLabel('Tenant', { exact: true }).selectOption('console-w1');
    await page.locator('tr[data-user="tenant.only@akana.example"]').waitFor();
    expect(new URL(page.url()).hash).toBe('#/users?tenant=console-w1');
    await page.reload();
    await page.locator('tr[data-user="tenant.only@akana.example"]').waitFor();
    // The tenant's own prefix leads to the same page, showing that tenant.
    await page.goto(`${s.mock.url}/__tenants/console-w1/__admin/ui#/users`);
    await page.locator('tr[data-user="tenant.only@akana.example"]').waitFor();
  });

  // Last: it stops the mock and starts a new one on the same port.
  test('a banner says the connection is lost while the mock is down, and goes once it is back', async () => {
    const page = await open('mailbox');
    await page.locator('article.message').first().waitFor();
    await s.mock.close();
    const banner = page.getByTestId('connection-lost');
    await banner.waitFor({ state: 'visible', timeout: 5000 });
    s.mock = await startMock({ port: s.port, host: '127.0.0.1' });
    await banner.waitFor({ state: 'hidden', timeout: 10_000 });
    await page.locator('article.message').first().waitFor();
  });
});

suite('the developer console of a mock started with an admin token', () => {
  const TOKEN = 'console-test-token-4f1c';
  let guarded: RunningMock;
  let browser: BrowserSession;
  beforeAll(async () => {
    guarded = await startMock({ port: 0, host: '127.0.0.1', config: { adminToken: TOKEN } });
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await guarded?.close();
  });

  test('asks for the token once, keeps it for the tab only, and never puts it in a URL or the journal', async () => {
    const page = await browser.context.newPage();
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(`${guarded.url}/__admin/ui#/mailbox`);
    await page.getByRole('heading', { name: 'Admin token' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Token', { exact: true }).fill('not-the-token');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('The mock refused the token').waitFor();
    await page.getByLabel('Token', { exact: true }).fill(TOKEN);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('article.message').first().waitFor();
    await page.reload();
    await page.locator('article.message').first().waitFor();
    expect(await page.getByRole('heading', { name: 'Admin token' }).count()).toBe(0);
    expect(await page.evaluate(() => [sessionStorage.getItem('authmock-admin-token'), localStorage.length])).toEqual([TOKEN, 0]);
    expect(urls.filter((u) => u.includes(TOKEN))).toEqual([]);
    const journal = await fetch(`${guarded.url}/__admin/requests?limit=1000`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(journal.status).toBe(200);
    expect(await journal.text()).not.toContain(TOKEN);
  });
});
