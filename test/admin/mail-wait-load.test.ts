import http from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';
import { startMock, type RunningMock } from '../../mock-server/server';
import { eventually } from '../support/sse';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heap = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

let mock: RunningMock;
beforeEach(async () => {
  // A short journal, so that what it keeps of the requests does not count as held by the waits.
  mock = await startMock({ config: { journalSize: 10 } });
});
afterEach(() => mock.close());

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
afterAll(() => agent.destroy());

function get(path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(`${mock.url}${path}`, { agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

const WAITS = 1000;
const address = 'load.waiter@emnify.example';

describe('1,000 concurrent mailbox waits', () => {
  test('are all answered by one mail, the next one past the limit gets 503, and what they held is given back', async () => {
    const runtime = mock.app.runtime;
    /** 1,000 waits on one address, answered by one activation mail to it. */
    const round = async (n: number): Promise<{ held: number }> => {
      const before = heap();
      let waits: Promise<Answer>[] | undefined = Array.from({ length: WAITS }, () => get(`/__admin/mailbox/wait?to=${n}.${address}&timeoutMs=30000`));
      await eventually(() => runtime.mailWaiters.size === WAITS, 20_000);
      const held = heap() - before;
      const refused = await get(`/__admin/mailbox/wait?to=${address}&timeoutMs=1000`);
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toMatch(/^\d+$/);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      await mock.admin.users.create({ vendor: 'emnify', email: `${n}.${address}`, status: 'pending' });
      const answers = await Promise.all(waits);
      waits = undefined;
      expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200]));
      expect(new Set(answers.map((a) => JSON.parse(a.body).message.to))).toEqual(new Set([`${n}.${address}`]));
      expect([runtime.mailWaiters.size, runtime.longLived.size]).toEqual([0, 0]);
      return { held };
    };
    // The first round also fills Node's pools of HTTP parsers and loads lazy code: a one-off.
    await round(1);
    const before = heap();
    const { held } = await round(2);
    const after = heap() - before;
    console.log(`heap: +${Math.round(held / 1024)} KiB while 1,000 waited, +${Math.round(after / 1024)} KiB after they ended`);
    expect(after).toBeLessThan(held / 4);
  });

  test('closing the mock ends waiting requests with 204', async () => {
    const runtime = mock.app.runtime;
    const waits = Array.from({ length: 50 }, () => get('/__admin/mailbox/wait?to=nobody@emnify.example&timeoutMs=30000'));
    await eventually(() => runtime.mailWaiters.size === 50);
    await mock.close();
    const answers = await Promise.all(waits);
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([204]));
    expect(runtime.mailWaiters.size).toBe(0);
  });

  test('a client that disconnects frees its slot at once', async () => {
    const runtime = mock.app.runtime;
    const req = http.get(`${mock.url}/__admin/mailbox/wait?timeoutMs=30000&to=nobody@emnify.example`, { agent });
    req.on('error', () => undefined);
    await eventually(() => runtime.mailWaiters.size === 1);
    req.destroy();
    await eventually(() => runtime.mailWaiters.size === 0 && runtime.longLived.size === 0);
  });
});
