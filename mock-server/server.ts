import type { Server } from 'node:http';
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
  /** Defaults to 127.0.0.1. */
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
  /** The mock's root, e.g. `http://127.0.0.1:43127`; vendors live under `/v1`, `/api/v1`, `/api/users`. */
  url: string;
  /** A client for `/__admin`, bound to `url`. */
  admin: AdminClient;
  app: MockApp;
  server: Server;
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
  const { port = 0, host = '127.0.0.1', adminClient, stateFile, freshState, stateFs, ...deps } = options;
  const specs = deps.specs ?? (await loadCompiledSpecs(undefined, { validate: false }));
  let store: OpenStateFile | undefined;
  const storage: StorageStatus = stateFile ? fileStatus(stateFile, () => store) : IN_MEMORY;
  const app = createApp({ ...deps, host, specs, storage, onChange: stateFile ? (change) => store?.changed(change) : deps.onChange });
  if (stateFile) {
    store = await openStateFile(app.worlds, specs, {
      file: stateFile,
      fresh: freshState,
      fs: stateFs,
      onError: (err) => console.error(`authmock: cannot save the state to ${stateFile}: ${err.message}; changes are refused (503) until a save succeeds`),
      onRecover: () => console.error(`authmock: the state is saved to ${stateFile} again; changes are accepted`),
    });
  }
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
    s.once('error', reject);
  });
  const { port: actual } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actual}`;
  let closing: Promise<void> | undefined;
  let saveFailure: string | undefined;
  return {
    url,
    admin: new AdminClient(url, adminClient),
    app,
    server,
    close: (graceMs = CLOSE_GRACE_MS) =>
      (closing ??= drain(server, app, graceMs)
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

async function drain(server: Server, app: MockApp, graceMs: number): Promise<void> {
  const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
  // Ends long polls (their 204 is written in the microtasks that follow) and event streams, then runs the other hooks.
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
