import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadCompiledSpecs } from '../contracts/core';
import { createApp, type AppDeps, type MockApp } from './create-app';

export interface RunningMock {
  app: MockApp;
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Loads the specs, builds the app and listens; port 0 picks a free port. */
export async function startMock(options: { port: number; host: string } & Partial<AppDeps>): Promise<RunningMock> {
  const specs = options.specs ?? (await loadCompiledSpecs(undefined, { validate: false }));
  const app = createApp({ ...options, specs });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port, options.host, (err?: Error) => (err ? reject(err) : resolve(s)));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    app,
    server,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
