import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { launch, unavailableReason, type BrowserSession } from './support/chromium';

// examples/msw-browser: the page signs an Edge Impulse user up at the vendor's real URL, msw's
// service worker hands the requests to authmock in the page, and the page writes its verdict.
const skip = unavailableReason();
const maybe = skip ? describe.skip : describe;
if (skip) console.warn(`msw browser example skipped: ${skip}`);

const ROOT = path.join(__dirname, '..', '..');
let server: ChildProcess;
let url: string;
let browser: BrowserSession;

maybe('authmock inside msw in the browser (examples/msw-browser)', () => {
  beforeAll(async () => {
    server = spawn(process.execPath, [path.join(ROOT, 'examples', 'msw-browser', 'serve.js'), '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('serve.js did not print its URL within 10 s')), 10_000);
      server.stdout!.on('data', (chunk: Buffer) => {
        const m = /http:\/\/localhost:\d+/.exec(chunk.toString());
        if (m) {
          clearTimeout(timer);
          resolve(m[0]);
        }
      });
      server.once('exit', (code) => reject(new Error(`serve.js exited with ${code}`)));
    });
    browser = await launch();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    if (server?.pid && server.exitCode === null) server.kill('SIGTERM');
  });

  test('the page signs up, activates with the code from the in-page admin, logs in and says RESULT: ok', async () => {
    const page = await browser.context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (err) => failures.push(err.message));
    await page.goto(url);
    const result = page.locator('#result');
    await result.filter({ hasNotText: 'RESULT: running' }).waitFor({ timeout: 20_000 });
    const text = (await result.textContent()) ?? '';
    expect({ text, failures, steps: await page.locator('#steps li').allTextContents() }).toEqual({ text: 'RESULT: ok', failures: [], steps: expect.arrayContaining([expect.stringMatching(/is activated$/)]) });
  }, 40_000);
});
