import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net, { type AddressInfo } from 'node:net';
import { startMock, type RunningMock } from '../../mock-server/server';
import { compiledSpecs } from '../support/harness';

/** Whether this machine has an IPv6 loopback to listen on (containers often have none). */
async function hasIpv6Loopback(): Promise<boolean> {
  const probe = net.createServer();
  return new Promise((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(0, '::1', () => probe.close(() => resolve(true)));
  });
}

/** Holds a port on one address until `release` is called. */
async function occupy(host: string, port = 0): Promise<{ port: number; release: () => Promise<void> }> {
  const holder = net.createServer();
  await new Promise<void>((resolve, reject) => {
    holder.once('error', reject);
    holder.listen(port, host, () => resolve());
  });
  return { port: (holder.address() as AddressInfo).port, release: () => new Promise((resolve) => holder.close(() => resolve())) };
}

const quiet = { warn: () => undefined, error: () => undefined };
const status = async (url: string): Promise<number> => (await fetch(`${url}/__admin/users?vendor=akana`)).status;
const portOf = (mock: RunningMock): number => Number(new URL(mock.url).port);

let ipv6: boolean;
beforeAll(async () => {
  ipv6 = await hasIpv6Loopback();
});

describe('startMock on its default host', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ specs: await compiledSpecs() });
  });
  afterAll(() => mock.close());

  test('its url names localhost, so app and mock share one site for the jwt cookie', () => {
    expect(mock.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(mock.admin.baseUrl).toBe(`${mock.url}/__admin`);
  });

  test('it answers on 127.0.0.1 and, when the machine has IPv6, on [::1] at the same port', async () => {
    const port = portOf(mock);
    expect(await status(`http://127.0.0.1:${port}`)).toBe(200);
    expect(await status(mock.url)).toBe(200);
    if (ipv6) expect(await status(`http://[::1]:${port}`)).toBe(200);
  });

  test('port 0 gives one port for every listener', () => {
    const ports = mock.servers.map((s) => (s.address() as AddressInfo).port);
    expect(ports).toHaveLength(ipv6 ? 2 : 1);
    expect(new Set(ports)).toEqual(new Set([portOf(mock)]));
  });
});

describe('startMock with a host given', () => {
  test('listens on that address alone and names it in the url', async () => {
    const mock = await startMock({ specs: await compiledSpecs(), host: '127.0.0.1' });
    try {
      expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(mock.servers).toHaveLength(1);
      expect(await status(mock.url)).toBe(200);
    } finally {
      await mock.close();
    }
  });
});

describe('startMock when the port is taken', () => {
  test('a fixed port busy on 127.0.0.1 rejects with EADDRINUSE', async () => {
    const held = await occupy('127.0.0.1');
    try {
      await expect(startMock({ specs: await compiledSpecs(), port: held.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await held.release();
    }
  });

  test('a fixed port busy on [::1] only rejects with EADDRINUSE and frees 127.0.0.1 again', async () => {
    if (!ipv6) return;
    const held = await occupy('::1');
    try {
      await expect(startMock({ specs: await compiledSpecs(), port: held.port })).rejects.toMatchObject({ code: 'EADDRINUSE', address: '::1' });
      // Nothing of the failed start keeps the IPv4 side of the port.
      const again = await occupy('127.0.0.1', held.port);
      await again.release();
    } finally {
      await held.release();
    }
  });

  test('closing ends every listener, so the port is free on both addresses', async () => {
    const mock = await startMock({ specs: await compiledSpecs() });
    const port = portOf(mock);
    await mock.close();
    for (const host of ipv6 ? ['127.0.0.1', '::1'] : ['127.0.0.1']) {
      const again = await occupy(host, port);
      await again.release();
    }
  });
});

describe('startMock with a state file when the port is taken', () => {
  test('the failed start lets the state file go, so the next start in this process may take it', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'authmock-listen-')), 'state.json');
    const held = await occupy('127.0.0.1');
    try {
      await expect(startMock({ specs: await compiledSpecs(), port: held.port, stateFile: file, logger: quiet })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await held.release();
    }
    const mock = await startMock({ specs: await compiledSpecs(), stateFile: file, logger: quiet });
    await mock.close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
