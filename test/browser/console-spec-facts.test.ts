import type { Page } from 'playwright-core';
import { vendorFacts, type VendorFacts } from '../../contracts/core';
import { startMock, type RunningMock } from '../../mock-server/server';
import { compiledSpecs } from '../support/harness';
import { launch, unavailableReason, type BrowserSession } from './support/chromium';

// What the console takes from the specs rather than from its own code, seen in real Chromium under the page's policy.
const reason = unavailableReason();
const suite = reason ? describe.skip : describe;

/** The stylesheet's badge grey, for a vendor whose spec names no colour. */
const NEUTRAL = 'rgb(232, 235, 239)';

/** `#rrggbb` as Chromium's computed style writes it. */
function rgb(hex: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`This test reads #rrggbb colours; a spec gives ${hex}`);
  return `rgb(${m.slice(1).map((h) => parseInt(h, 16)).join(', ')})`;
}

let mock: RunningMock;
let browser: BrowserSession;
let vendors: VendorFacts[];
const problems: string[] = [];

async function open(view: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to|pattern/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.goto(`${mock.url}/__admin/ui#/${view}`);
  await page.locator('main h2').first().waitFor();
  return page;
}

suite(reason ? `the developer console's spec facts in Chromium (skipped: ${reason})` : "the developer console's spec facts in Chromium", () => {
  beforeAll(async () => {
    vendors = vendorFacts(await compiledSpecs());
    mock = await startMock({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await mock?.close();
  });

  afterEach(async () => {
    for (const page of browser.context.pages()) await page.close();
    expect(problems.splice(0)).toEqual([]);
  });

  test("each vendor's badge shows the name and the colour its spec gives, set under the page's content security policy", async () => {
    const page = await open('users');
    await page.locator('tr[data-user]').first().waitFor();
    for (const v of vendors) {
      const badge = page.locator('tr[data-user] .badge.vendor', { hasText: v.console.label }).first();
      expect(await badge.textContent()).toBe(v.console.label);
      const background = await badge.evaluate((el) => getComputedStyle(el).backgroundColor);
      expect([v.id, background]).toEqual([v.id, v.console.color ? rgb(v.console.color) : NEUTRAL]);
    }
  });

  test('the vendor filter and the create form list every vendor by its name, with its id as the value', async () => {
    const page = await open('users');
    const expected = vendors.map((v) => [v.id, v.console.label]);
    const options = (selector: string) => page.locator(selector).evaluate((el) => [...(el as HTMLSelectElement).options].filter((o) => o.value).map((o) => [o.value, o.text]));
    expect(await options('#new-vendor')).toEqual(expected);
    expect(await options('form.filters select')).toEqual(expected);
  });

  test("the tenant box opens a tenant whose name fits the admin spec's TenantName pattern, and refuses one that does not", async () => {
    const page = await open('users');
    const box = page.getByLabel('Open another tenant by name');
    const openButton = page.getByRole('button', { name: 'Open', exact: true });
    for (const name of ['has space', 'slash/in-it', 'x'.repeat(65)]) {
      await box.fill(name);
      await openButton.click();
      expect([name, await box.evaluate((el) => (el as HTMLInputElement).validity.valid)]).toEqual([name, false]);
      expect(new URL(page.url()).hash).toBe('#/users');
    }
    await box.fill('spec_rule.1-ok');
    await openButton.click();
    await page.waitForURL((url) => url.hash === '#/users?tenant=spec_rule.1-ok');
  });
});
