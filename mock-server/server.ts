import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadCompiledSpecs } from '../contracts/core/spec-loader';
import { AdminClient, type AdminClientOptions } from './admin-client';
import { createApp, type AppDeps, type MockApp } from './create-app';
import { IN_MEMORY, type StorageStatus } from './http/types';
import { openStateFile, type OpenStateFile } from './state/persistence';
import type { StateFs } from './state/state-file';

export interface ListenOptions {
  /** 0 (the default) picks a free port; `url` tells which. */
  port?: number;
  /**
   * Absent (the default): loopback, on 127.0.0.1 and on [::1] with the same port
   * (IPv4 only when the machine has no IPv6), so `http://localhost:PORT` reaches the
   * mock whichever address the client resolves the name to. Given: that address alone.
   */
  host?: string;
  /** Keep the state in this file: loaded at start (created from the fixtures when absent), saved after every change. */
  stateFile?: string;
  /** Start from the fixtures and replace `stateFile`. */
  freshState?: boolean;
  /** The file-system calls the state file makes; tests hand in failing ones. */
  stateFs?: StateFs;
}

export interface StartMockOptions extends ListenOptions, Partial<AppDeps> {
  /** How `admin` talks to the admin API (e.g. a token). */
  adminClient?: AdminClientOptions;
}

export interface RunningMock {
  /**
   * The mock's root: `http://localhost:43127` on the default host (a browser keeps a
   * vendor's session cookie per host name, so one name serves app and mock alike),
   * else the address given, e.g. `http://127.0.0.1:43127`. Vendors live under `/v1`, `/api/v1`, `/api/users`.
   */
  url: string;
  /** A client for `/__admin`, bound to `url`. */
  admin: AdminClient;
  app: MockApp;
  /** The first listener (IPv4 on the default host). */
  server: Server;
  /** Every listener: `server`, and on the default host the one on [::1] when the machine has IPv6. */
  servers: readonly Server[];
  /**
   * Stops accepting connections, ends long polls and event streams (and runs
   * every `onClose` hook), lets requests in flight finish for up to `graceMs`
   * (default 5 s), drops whatever connection is left and saves the state file.
   */
  close(graceMs?: number): Promise<void>;
  /** Why the last save of the state file failed, once `close` is done (undefined when it succeeded, or without a file). */
  readonly saveFailure: string | undefined;
  /** Registers a hook run when the mock starts closing; returns a function that unregisters it. */
  onClose(hook: () => void | Promise<void>): () => void;
}

export const CLOSE_GRACE_MS = 5000;

/** Loads the specs (from the package, wherever the process runs), builds the app and listens. */
export async function startMock(options: StartMockOptions = {}): Promise<RunningMock> {
  const { port = 0, host, adminClient, stateFile, freshState, stateFs, ...deps } = options;
  const specs = deps.specs ?? (await loadCompiledSpecs(undefined, { validate: false }));
  let store: OpenStateFile | undefined;
  const storage: StorageStatus = stateFile ? fileStatus(stateFile, () => store) : IN_MEMORY;
  const app = createApp({ ...deps, host: host ?? LOOPBACK_V4, specs, storage, onChange: stateFile ? (change) => store?.changed(change) : deps.onChange });
  if (stateFile) {
    store = await openStateFile(app.worlds, specs, {
      file: stateFile,
      fresh: freshState,
      fs: stateFs,
      onError: (err) => console.error(`authmock: cannot save the state to ${stateFile}: ${err.message}; changes are refused (503) until a save succeeds`),
      onRecover: () => console.error(`authmock: the state is saved to ${stateFile} again; changes are accepted`),
    });
  }
  let servers: Server[];
  try {
    servers = host === undefined ? await listenOnLoopback(app, port) : [await listen(app, port, host)];
  } catch (err) {
    // A busy port must not leave the state file locked for the next try in this process.
    await store?.close();
    throw err;
  }
  const [server] = servers;
  const { port: actual } = server.address() as AddressInfo;
  const url = host === undefined ? `http://localhost:${actual}` : `http://${host.includes(':') ? `[${host}]` : host}:${actual}`;
  let closing: Promise<void> | undefined;
  let saveFailure: string | undefined;
  return {
    url,
    admin: new AdminClient(url, adminClient),
    app,
    server,
    servers,
    close: (graceMs = CLOSE_GRACE_MS) =>
      (closing ??= drain(servers, app, graceMs)
        .then(() => store?.close())
        .then((failure) => {
          saveFailure = failure?.reason;
        })),
    get saveFailure() {
      return saveFailure;
    },
    onClose: (hook) => app.lifecycle.onClose(hook),
  };
}

const LOOPBACK_V4 = '127.0.0.1';
const LOOPBACK_V6 = '::1';
// Errors that mean the machine has no IPv6 loopback: the mock then answers on IPv4 alone.
const NO_IPV6 = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EPROTONOSUPPORT']);
// How often a free IPv4 port that is taken on [::1] is given up for another before the start fails.
const PORT_PICKS = 10;

// The engine's own listener, not the Express app: every request skips Express's layers (create-app.ts).
function listen(app: MockApp, port: number, host: string): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    const s = createServer(app.listener);
    s.once('error', reject);
    s.listen(port, host, () => resolve(s));
  });
}

const closeServer = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

/**
 * 127.0.0.1 and [::1] on one port. `localhost` resolves to either, often [::1] first,
 * so a mock on IPv4 alone would be missed, or another server on [::1] reached instead.
 */
async function listenOnLoopback(app: MockApp, port: number): Promise<Server[]> {
  for (let pick = 1; ; pick++) {
    const v4 = await listen(app, port, LOOPBACK_V4);
    const { port: actual } = v4.address() as AddressInfo;
    try {
      return [v4, await listen(app, actual, LOOPBACK_V6)];
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (NO_IPV6.has(code)) return [v4];
      await closeServer(v4);
      // The port the system picked on IPv4 is someone else's on IPv6: pick again.
      if (code === 'EADDRINUSE' && port === 0 && pick < PORT_PICKS) continue;
      throw err;
    }
  }
}

async function drain(servers: readonly Server[], app: MockApp, graceMs: number): Promise<void> {
  const stopped = Promise.all(servers.map(closeServer));
  // Ends long polls (their 204 is written in the microtasks that follow) and event streams, then runs the other hooks.
  await app.lifecycle.close();
  // Idle keep-alive connections go now, busy ones as soon as their answer is out.
  const closeIdle = (): void => servers.forEach((s) => s.closeIdleConnections());
  closeIdle();
  const sweep = setInterval(closeIdle, 25);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
  await Promise.race([stopped, deadline]);
  clearInterval(sweep);
  clearTimeout(timer);
  servers.forEach((s) => s.closeAllConnections());
  await stopped;
}

/** What the router and `GET /__admin/health` see of the state file. */
function fileStatus(file: string, store: () => OpenStateFile | undefined): StorageStatus {
  const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());
  return {
    refusal() {
      const failure = store()?.saver.failure;
      return failure && { reason: failure.reason, retryAfterSeconds: Math.max(1, Math.ceil((failure.retryAt - Date.now()) / 1000)) };
    },
    health() {
      const saver = store()?.saver;
      const failure = saver?.failure;
      return {
        storage: 'file',
        file,
        acceptsChanges: !failure,
        lastSavedAt: iso(saver?.lastSavedAt),
        failure: failure ? { reason: failure.reason, since: iso(failure.since)!, retryAt: iso(failure.retryAt)! } : null,
      };
    },
  };
}
