import { screenshot, unavailableReason } from './support/chromium';
import { consoleSuite, until } from './support/console-suite';

// The console's deep links and the views behind them, in real Chromium against a listening mock
// (the console's modules come from `npm run build`). console.test.ts covers the views' basics.
const reason = unavailableReason();
const suite = reason ? describe.skip : describe;

suite(reason ? `the console's deep links in Chromium (skipped: ${reason})` : "the console's deep links in Chromium", () => {
  const s = consoleSuite();
  const { api, open, requestActivationOutsideTheBrowser } = s;

  test('#/mailbox?q= searches address, subject and text, keeps the search in the URL, and loads more past a page', async () => {
    for (let i = 0; i < 105; i++) await api('/__admin/users', { body: { vendor: 'emnify', email: `paged-${i}@emnify.example`, status: 'pending' } });
    const page = await open('mailbox?q=paged-');
    await until('a page of 100 is shown', async () => (await page.locator('article.message').count()) === 100);
    await page.getByRole('button', { name: 'Load more' }).click();
    await until('all 105 are shown', async () => (await page.locator('article.message').count()) === 105);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    await page.getByLabel('Search').fill('paged-7@');
    await until('the search narrows the list', async () => (await page.locator('article.message').count()) === 1);
    expect(new URL(page.url()).hash).toBe('#/mailbox?q=paged-7%40');
  });

  test('#/mailbox/ID shows one message with its headers, source, code and app link, and deletes it', async () => {
    const { code } = await requestActivationOutsideTheBrowser();
    const [m] = (await api<{ messages: { id: number; subject: string }[] }>('/__admin/mailbox?to=arnold.hudson@edgeimpulse.example')).body.messages;
    const page = await open(`mailbox/${m.id}`);
    await page.getByRole('heading', { name: m.subject, level: 2 }).waitFor();
    expect(await page.locator('table.headers').textContent()).toContain('arnold.hudson@edgeimpulse.example');
    expect(await page.getByRole('link', { name: 'Open in my app' }).getAttribute('href')).toBe(`http://localhost:3000/activate?code=${code}`);
    await page.getByText('Source').click();
    expect(await page.getByTestId('raw').textContent()).toContain(`Subject: ${m.subject}`);
    await page.getByRole('button', { name: `Copy code ${code}` }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    await screenshot(page, 'message');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Delete message' }).click();
    await until('the view is back at the list', async () => new URL(page.url()).hash === '#/mailbox');
    expect((await api(`/__admin/mailbox/${m.id}`)).status).toBe(404);
  });

  test('#/requests?status=&path= filters the journal; an entry copies as curl with secrets redacted; pause holds the list; clear empties it', async () => {
    await api('/v1/api-login', { body: { username: 'margret-sporer', password: 'wrong-password-1' } });
    await api('/__admin/mailbox/4711');
    const page = await open('requests?status=404&path=mailbox');
    const rows = page.locator('tr[data-entry]');
    await page.getByLabel('Show admin API calls').check();
    await until('only the 404 is listed', async () => (await rows.count()) === 1);
    expect(await rows.first().textContent()).toContain('/__admin/mailbox/4711');
    await page.goto(`${s.mock.url}/__admin/ui#/requests?path=api-login`);
    const row = page.locator('tr', { hasText: '/v1/api-login' });
    await row.getByRole('button').click();
    const command = (await page.getByTestId('code').first().textContent())!;
    expect(command).toMatch(/^curl -X POST '.*\/v1\/api-login'/);
    expect(command).toContain('[redacted]');
    expect(command).not.toContain('wrong-password-1');
    // The open entry is in the URL: a reload (or a shared link) opens it again.
    expect(new URL(page.url()).hash).toMatch(/^#\/requests\/\d+\?path=api-login$/);
    await page.reload();
    await page.getByRole('heading', { name: 'As curl (secrets stay redacted)' }).waitFor();
    await page.getByRole('button', { name: 'Pause live updates' }).click();
    await api('/v1/api-login', { body: { username: 'paused-user', password: 'wrong-password-2' } });
    await page.waitForTimeout(500);
    expect(await page.locator('tr[data-entry]').count()).toBe(1);
    await page.getByRole('button', { name: 'Resume live updates' }).click();
    await until('the paused request shows after resuming', async () => (await page.locator('tr[data-entry]').count()) === 2);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Clear journal' }).click();
    await until('the journal is empty over the API but for admin calls', async () => (await api<{ requests: { path: string }[] }>('/__admin/requests?path=api-login')).body.requests.length === 0);
  });

  test('the users view shows a pending user\'s code from its newest mail and a live TOTP code for an MFA user', async () => {
    await api('/__admin/users', { body: { vendor: 'emnify', email: 'code.shown@emnify.example', status: 'pending' } });
    const [mail] = (await api<{ messages: { code: string }[] }>('/__admin/mailbox?to=code.shown@emnify.example')).body.messages;
    const page = await open('users?q=code.shown');
    await page.locator('tr[data-user="code.shown@emnify.example"]', { hasText: mail.code }).waitFor();
    const users = (await api<{ users: { id: number; email: string }[] }>('/__admin/users?vendor=edge-impulse')).body.users;
    const mfaUser = users.find((u) => u.email === 'jimmie.christiansen@edgeimpulse.example')!;
    await page.getByLabel('Search').fill(mfaUser.email);
    const totp = page.locator(`tr[data-user="${mfaUser.email}"]`).getByTestId('totp');
    const current = async (): Promise<string> => (await api<{ code: string }>(`/__admin/users/${mfaUser.id}/totp`)).body.code;
    await until('the TOTP code shown is the current one', async () => ((await totp.locator('.code').textContent().catch(() => '')) ?? '') === (await current()));
    await api('/__admin/clock', { body: { advanceMs: 60_000 } });
    await until('the TOTP code follows the clock', async () => ((await totp.locator('.code').textContent()) ?? '') === (await current()));
    await screenshot(page, 'users-codes');
  });

  test('the users view shows 200 users at first and more on request, and #/users?q= searches', async () => {
    await api('/__admin/users/bulk', { body: { vendor: 'akana', count: 250, password: 'bulk-password-1', prefix: 'paged' } });
    const page = await open('users?q=paged-');
    const rows = page.locator('tr[data-user]');
    await until('200 users are shown', async () => (await rows.count()) === 200);
    await page.getByText('The first 200 of 250 users').waitFor();
    await page.getByRole('button', { name: 'Show 50 more' }).click();
    await until('all 250 are shown', async () => (await rows.count()) === 250);
    await page.getByLabel('Search').fill('paged-249@');
    await until('the search narrows the list', async () => (await rows.count()) === 1);
  });

  test('the clock goes back to real time without a reset', async () => {
    await api('/__admin/users', { body: { vendor: 'akana', email: 'stays@akana.example', password: 'password-1' } });
    await api('/__admin/clock', { body: { advanceMs: 86_400_000 } });
    const page = await open('clock');
    await page.getByText('1 d ahead of real time').waitFor();
    await page.getByRole('button', { name: 'Back to real time' }).click();
    await page.getByText('Real time', { exact: true }).waitFor();
    expect((await api<{ offsetMs: number }>('/__admin/clock')).body.offsetMs).toBe(0);
    expect((await api<{ users: unknown[] }>('/__admin/users?vendor=akana&email=stays@akana.example')).body.users).toHaveLength(1);
  });

  test('the fault form offers the operations of the chosen vendor and sends a JSON body and headers', async () => {
    const page = await open('faults');
    await page.locator('#fault-vendor').selectOption('emnify');
    const offered = await page.locator('#fault-operationId option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(offered).toContain('authenticate');
    expect(offered).not.toContain('login');
    await page.locator('#fault-operationId').selectOption('authenticate');
    await page.locator('#fault-status').fill('503');
    await page.locator('#fault-body').fill('{not json');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.locator('#fault-body-error').waitFor();
    await page.locator('#fault-body').fill('{"error": "maintenance"}');
    await page.locator('#fault-headers').fill('Retry-After: 30');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await until('the rule is listed over the API', async () => (await api<{ faults: unknown[] }>('/__admin/faults')).body.faults.length === 1);
    const [rule] = (await api<{ faults: unknown[] }>('/__admin/faults')).body.faults;
    expect(rule).toMatchObject({ vendor: 'emnify', operationId: 'authenticate', status: 503, body: { error: 'maintenance' }, headers: { 'Retry-After': '30' } });
    await screenshot(page, 'faults');
  });

  test('#/tenants lists tenants with their users and mail, drops one, and the tenant picker follows tenant events', async () => {
    // A reset leaves tenants be: those of earlier tests go first.
    for (const t of (await api<{ tenants: { name: string }[] }>('/__admin/tenants')).body.tenants) await api(`/__admin/tenants/${t.name}`, { method: 'DELETE' });
    const page = await open('tenants');
    await page.getByText('No tenants').waitFor();
    await api('/__admin/tenants/picked-up', { method: 'PUT' });
    await page.locator('tr[data-tenant="picked-up"]').waitFor({ timeout: 2000 });
    await until('the picker offers the tenant', async () => (await page.locator('#tenant-select option', { hasText: 'picked-up' }).count()) === 1).catch(async (err) => {
      throw new Error(`${String(err)}: ${await page.locator('header.top').innerHTML()}`);
    });
    await screenshot(page, 'tenants');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Drop tenant picked-up' }).click();
    await page.getByText('No tenants').waitFor();
    await until('the picker forgets the tenant', async () => (await page.locator('#tenant-select option', { hasText: 'picked-up' }).count()) === 0);
    expect((await api<{ tenants: unknown[] }>('/__admin/tenants')).body.tenants).toEqual([]);
  });
});
