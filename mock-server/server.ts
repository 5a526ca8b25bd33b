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
  /**
   * Stops accepting connections, ends long-lived responses (see `onClose`),
   * lets requests in flight finish for up to `graceMs` (default 5 s), then
   * drops whatever connection is left.
   */
  close(graceMs?: number): Promise<void>;
  /** Registers a hook run when the mock starts closing; returns a function that unregisters it. */
  onClose(hook: () => void | Promise<void>): () => void;
}

export const CLOSE_GRACE_MS = 5000;

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
  let closed: Promise<void> | undefined;
  return {
    app,
    server,
    url: `http://${host}:${port}`,
    close: (graceMs = CLOSE_GRACE_MS) => (closed ??= drain(server, app, graceMs).then(() => saver?.close())),
    onClose: (hook) => app.lifecycle.onClose(hook),
  };
}

async function drain(server: Server, app: MockApp, graceMs: number): Promise<void> {
  const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
  await app.lifecycle.close();
  // Idle keep-alive connections go now, busy ones as soon as their answer is out.
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 25);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
  await Promise.race([stopped, deadline]);
  clearInterval(sweep);
  clearTimeout(timer);
  server.closeAllConnections();
  await stopped;
}
