import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConsoleBundle, packageRoot } from '../../mock-server/console/assets';
import { createHarness, type Harness } from '../support/harness';

// The console's compiled modules come from `npm run build` (npm test builds first).
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

async function page() {
  const res = await h.request.get('/__admin/ui').expect(200);
  return { res, html: res.text };
}

describe('GET /__admin/ui', () => {
  test('serves the page uncached, under a policy that allows only the mock itself and the one hashed import map', async () => {
    const { res, html } = await page();
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    const map = /<script type="importmap">([^<]*)<\/script>/.exec(html)![1];
    expect(csp).toContain(`'sha256-${createHash('sha256').update(map).digest('base64')}'`);
    // No other inline script: every other script has a src.
    expect(html.match(/<script(?![^>]*src=)(?![^>]*importmap)[^>]*>/g)).toBeNull();
  });

  test('every asset the page names is served with a content hash in its name and a year-long immutable cache', async () => {
    const { html } = await page();
    const map = JSON.parse(/<script type="importmap">([^<]*)<\/script>/.exec(html)![1]) as { imports: Record<string, string> };
    const urls = new Set([...Object.values(map.imports), ...[...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1])]);
    expect([...urls].every((u) => u.startsWith('/__admin/ui/assets/'))).toBe(true);
    expect(map.imports).toMatchObject({ preact: expect.any(String), 'preact/hooks': expect.any(String), 'preact/jsx-runtime': expect.any(String) });
    for (const url of urls) {
      const res = await h.request.get(url).expect(200);
      expect([url, res.headers['cache-control']]).toEqual([url, 'public, max-age=31536000, immutable']);
      expect(res.headers['content-type']).toMatch(/^(text\/javascript|text\/css|image\/svg\+xml)/);
      const body = Buffer.isBuffer(res.body) ? res.body : Buffer.from(res.text);
      const hash = /\.([0-9a-f]{12})\.[a-z]+$/.exec(url)![1];
      expect(createHash('sha256').update(body).digest('hex').slice(0, 12)).toBe(hash);
    }
  });

  test('no module imports anything from outside the mock', async () => {
    const { html } = await page();
    const map = JSON.parse(/<script type="importmap">([^<]*)<\/script>/.exec(html)![1]) as { imports: Record<string, string> };
    for (const url of Object.values(map.imports)) {
      const text = (await h.request.get(url).expect(200)).text;
      const specifiers = [...text.matchAll(/(?:import|export)\s*(?:[^'"]*?from\s*)?["']([^"']+)["']/g)].map((m) => m[1]);
      for (const s of specifiers) expect([url, s]).toEqual([url, expect.stringMatching(/^(\.\.?\/|preact(\/hooks|\/jsx-runtime)?$)/)]);
    }
  });

  test("a tenant's page is the same page, and opening it creates no tenant", async () => {
    const { html } = await page();
    const res = await h.request.get('/__tenants/look-only/__admin/ui').expect(200);
    expect(res.text).toBe(html);
    const tenants = await h.request.get('/__admin/tenants').expect(200);
    expect(tenants.body.tenants.map((t: { name: string }) => t.name)).not.toContain('look-only');
  });

  test('an unknown asset answers a problem+json 404', async () => {
    const res = await h.request.get('/__admin/ui/assets/nothing.0123456789ab.js').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('GET /', () => {
  test('a browser is sent to the console', async () => {
    const res = await h.request.get('/').set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8').expect(302);
    expect(res.headers.location).toBe('/__admin/ui');
  });

  test.each([['application/json'], ['*/*'], [undefined]])('an API client (Accept %s) keeps the JSON 404', async (accept) => {
    const req = h.request.get('/');
    const res = await (accept ? req.set('Accept', accept) : req).expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('the console files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authmock-console-'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'authmock' }));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('are found relative to the package wherever it is installed, with Preact from its dependencies', () => {
    const root = packageRoot();
    fs.cpSync(path.join(root, 'dist', 'console'), path.join(dir, 'dist', 'console'), { recursive: true });
    fs.cpSync(path.join(root, 'console', 'static'), path.join(dir, 'console', 'static'), { recursive: true });
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
    expect(packageRoot(path.join(dir, 'dist', 'console'))).toBe(dir);
    const bundle = loadConsoleBundle(dir);
    expect([...bundle.assets.keys()].filter((u) => /\/(main|preact)\.[0-9a-f]{12}\.m?js$/.test(u))).toHaveLength(2);
  });

  test('in a package that was not built are reported with the command that builds them', () => {
    expect(() => loadConsoleBundle(dir)).toThrow(/The console is not built .*run npm run build/);
  });
});
