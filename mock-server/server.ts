import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadCompiledSpecs } from '../contracts/core';
import { createApp, type AppDeps, type MockApp } from './create-app';
import { openStateFile } from './state/persistence';
import type { StateSaver } from './state/state-saver';

export interface RunningMock {
  app: MockApp;
  server: Server;
  url: string;
  close(): Promise<void>;
}

export interface ListenOptions {
  port: number;
  host: string;
  /** Keep the state in this file: loaded at start (created from the fixtures when absent), saved after every change. */
  stateFile?: string;
  /** Start from the fixtures and replace `stateFile`. */
  freshState?: boolean;
}

/** Loads the specs, builds the app and listens; port 0 picks a free port. */
export async function startMock(options: ListenOptions & Partial<AppDeps>): Promise<RunningMock> {
  const specs = options.specs ?? (await loadCompiledSpecs(undefined, { validate: false }));
  let saver: StateSaver | undefined;
  const app = createApp({ ...options, specs, onChange: options.stateFile ? () => saver?.markDirty() : options.onChange });
  if (options.stateFile) {
    saver = await openStateFile(app.worlds, specs, {
      file: options.stateFile,
      fresh: options.freshState,
      onError: (err) => console.error(`authmock: cannot save the state to ${options.stateFile}: ${err.message}`),
    });
  }
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
      }).then(() => saver?.close()),
  };
}
