import type { Page } from 'playwright-core';
import type { ConfigInput } from '../../../mock-server/config';
import { startMock, type RunningMock } from '../../../mock-server/server';
import { launch, type BrowserSession } from './chromium';

/** The `appLinks` the console suites start their mock with, so "Open in my app" links show. */
export const APP_LINKS: ConfigInput = { appLinks: { 'edge-impulse': { activation: 'http://localhost:3000/activate?code={code}' } } };

export async function until(what: string, check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * One listening mock and one Chromium for a describe block: the mock is reset
 * before each test, and after it every page is closed and no page error or
 * refused script may have happened. Call `consoleSuite()` inside the describe.
 */
export class ConsoleSuite {
  mock!: RunningMock;
  browser!: BrowserSession;
  /** The mock's port, so a test can start it again on the same one. */
  port = 0;
  readonly problems: string[] = [];

  api = async <T = unknown>(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${this.mock.url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };

  /** The console at `#/VIEW` (a view with its item and query, e.g. `mailbox/3` or `requests?status=401`), once a heading shows. */
  open = async (view: string, width = 1280): Promise<Page> => {
    const page = await this.browser.context.newPage();
    await page.setViewportSize({ width, height: 900 });
    page.on('pageerror', (err) => this.problems.push(`page error: ${err.message}`));
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) this.problems.push(`console: ${m.text()}`);
    });
    await page.goto(`${this.mock.url}/__admin/ui#/${view}`);
    await page.locator('main h2').first().waitFor();
    return page;
  };

  /** An Edge Impulse activation mail, requested the way an app does it; answers the code. */
  requestActivationOutsideTheBrowser = async (): Promise<{ code: string }> => {
    const login = await this.api<{ token: string }>('/v1/api-login', { body: { username: 'arnold-hudson', password: 'mild-lounge-21' } });
    await this.api('/v1/api/user/request-activation', { body: {}, headers: { 'x-jwt-token': login.body.token } });
    const box = await this.api<{ messages: { code: string }[] }>('/__admin/mailbox?to=arnold.hudson@edgeimpulse.example&kind=activation');
    return { code: box.body.messages[0].code };
  };
}

export function consoleSuite(config: ConfigInput = APP_LINKS): ConsoleSuite {
  const s = new ConsoleSuite();
  beforeAll(async () => {
    s.mock = await startMock({ port: 0, host: '127.0.0.1', config });
    s.port = Number(new URL(s.mock.url).port);
    s.browser = await launch();
    await s.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.mock.url });
  }, 60_000);
  afterAll(async () => {
    await s.browser?.close();
    await s.mock?.close();
  });
  beforeEach(async () => {
    s.problems.length = 0;
    await s.api('/__admin/reset', { method: 'POST' });
  });
  afterEach(async () => {
    for (const page of s.browser.context.pages()) await page.close();
    expect(s.problems).toEqual([]);
  });
  return s;
}
